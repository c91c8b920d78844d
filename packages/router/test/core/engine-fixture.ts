import { expect } from 'vitest';
import {
  ManualClock,
  RoutingEngine,
  isRoutingError,
  type DomainConfig,
  type EngineOptions,
  type QueueConfig,
  type RoutingError,
  type RoutingErrorCode,
  type RoutingEvent,
  type SubmitOutcome,
} from '@switchboard/router';

/** Shared set-up for the engine behaviour tests: a small domain, a manual clock, every event. */

export const SKILLS = [{ id: 'sales' }, { id: 'support' }, { id: 'lang.en' }, { id: 'lang.ru' }, { id: 'trainee' }];

export interface Harness {
  readonly engine: RoutingEngine;
  readonly clock: ManualClock;
  readonly events: RoutingEvent[];
}

/** A one-step queue that every agent with any `sales` level qualifies for. */
export function salesQueue(id: string, extra: Partial<QueueConfig> = {}): QueueConfig {
  return { id, steps: [{ requirement: 'sales', afterSeconds: 0 }], ...extra };
}

/** Builds an engine at time `start` (ms) and records every event it emits. */
export function harness(config: Partial<DomainConfig>, options: Partial<EngineOptions> = {}, start = 0): Harness {
  const clock = new ManualClock(start);
  const engine = RoutingEngine.create({ skills: SKILLS, ...config }, { clock, ...options });
  const events: RoutingEvent[] = [];
  engine.events.subscribe((e) => events.push(e));
  return { engine, clock, events };
}

/** Logs the agents in and makes them ready, in the order given. */
export function ready(engine: RoutingEngine, ...agentIds: string[]): void {
  for (const id of agentIds) {
    engine.login(id);
    engine.ready(id);
  }
}

/** Narrows an outcome to a reservation, failing the test otherwise. */
export function reserved(o: SubmitOutcome): Extract<SubmitOutcome, { kind: 'reserved' }> {
  if (o.kind !== 'reserved') throw new Error(`expected a reservation, got ${JSON.stringify(o)}`);
  return o;
}

/** The agent a contact is currently offered to or handled by. */
export function holder(engine: RoutingEngine, contactId: string): string | undefined {
  return engine.contact(contactId).agentId;
}

/** Accepts the contact's current reservation. */
export function accept(engine: RoutingEngine, contactId: string): void {
  const r = engine.contact(contactId).reservation;
  if (r === undefined) throw new Error(`contact ${contactId} has no reservation (${engine.contact(contactId).state})`);
  engine.accept(r.id, r.token);
}

/** Rejects the contact's current reservation. */
export function reject(engine: RoutingEngine, contactId: string): void {
  const r = engine.contact(contactId).reservation;
  if (r === undefined) throw new Error(`contact ${contactId} has no reservation (${engine.contact(contactId).state})`);
  engine.reject(r.id, r.token);
}

/** Accepts and completes a contact (the agent then wraps up per the queue). */
export function serve(engine: RoutingEngine, contactId: string): void {
  accept(engine, contactId);
  engine.complete(contactId);
}

/** Moves the clock forward and fires what fell due. */
export function tick(h: Harness, ms: number): void {
  h.clock.advance(ms);
  h.engine.advance();
}

/** Everything observable about the engine, for "nothing changed" checks. */
export function snapshot(engine: RoutingEngine): unknown {
  return structuredClone({
    agents: engine.agents(),
    contacts: engine.contacts(),
    queues: engine.queueIds().map((q) => engine.queueStats(q)),
    nextDueAt: engine.nextDueAt(),
    now: engine.now,
  });
}

/** Runs `fn`, expects a RoutingError with `code`, and returns it. */
export function expectCode(fn: () => unknown, code: RoutingErrorCode): RoutingError {
  let thrown: unknown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  expect(thrown, `expected ${code}`).toBeDefined();
  expect(isRoutingError(thrown), `expected a RoutingError, got ${String(thrown)}`).toBe(true);
  expect((thrown as RoutingError).code).toBe(code);
  return thrown as RoutingError;
}

/** Expects `fn` to throw `code` and to leave the engine exactly as it was. */
export function expectRefusedUnchanged(engine: RoutingEngine, fn: () => unknown, code: RoutingErrorCode): RoutingError {
  engine.advance();
  const before = snapshot(engine);
  const err = expectCode(fn, code);
  expect(snapshot(engine)).toEqual(before);
  return err;
}

/** Types of the recorded events, optionally only those about one contact or agent. */
export function types(events: readonly RoutingEvent[], about?: string): string[] {
  return events
    .filter((e) => about === undefined || ('contactId' in e && e.contactId === about) || ('agentId' in e && e.agentId === about))
    .map((e) => e.type);
}
