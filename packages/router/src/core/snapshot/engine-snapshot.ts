import { MembershipIndex, SkillCatalogue, type SkillDefinition, type SkillWeights, type Requirement } from '@switchboard/skills';
import { HeapPool } from '../agent-pool.js';
import { AgentTable } from '../agent-table.js';
import { SeededRng, type Clock } from '../clock.js';
import { ContactHeap } from '../contact-heap.js';
import { NO_AGENTS } from '../contact-input.js';
import { DomainState } from '../domain-state.js';
import { RoutingError, isRoutingError } from '../errors.js';
import { EventHub } from '../event-hub.js';
import { FifoPool } from '../fifo-pool.js';
import { compileQueueScorer, scorerSourceOf } from '../queue-scorer.js';
import { Lane, TimerHeap } from '../timer-heap.js';
import { TokenTable } from '../token-table.js';
import { isRecord } from '../validate.js';
import { decodeGraph } from './decode-graph.js';
import { encodeGraph, type Special } from './encode-graph.js';

/** The snapshot format this engine writes and reads (`{"v":1,"shapes":[…],"objects":[…]}`). */
export const SNAPSHOT_VERSION = 1;

const NO_CLOCK: Clock = { now: () => 0 };
const BLANK_TABLE = new AgentTable<never>();

/**
 * The engine's own classes, written field by field and rebuilt with their prototype. Each entry
 * makes a fresh instance: the decoder fills it, and checks that the snapshot names exactly its
 * fields (a class that gained or lost a field refuses older snapshots instead of misreading them).
 */
const CLASSES: ReadonlyArray<readonly [name: string, ctor: abstract new (...args: never[]) => object, blank: () => object]> = [
  ['DomainState', DomainState, () => new DomainState(SkillCatalogue.create([]), { clock: NO_CLOCK })],
  ['TokenTable', TokenTable, () => new TokenTable()],
  ['TimerHeap', TimerHeap, () => new TimerHeap()],
  ['Lane', Lane, () => new Lane()],
  ['AgentTable', AgentTable, () => new AgentTable()],
  ['HeapPool', HeapPool, () => new HeapPool(BLANK_TABLE)],
  ['FifoPool', FifoPool, () => new FifoPool(BLANK_TABLE)],
  ['ContactHeap', ContactHeap, () => new ContactHeap()],
];
const CLASS_NAMES: ReadonlyMap<object, string> = new Map(CLASSES.map(([name, ctor]) => [ctor.prototype as object, name]));
const CLASS_BLANKS: ReadonlyMap<string, () => object> = new Map(CLASSES.map(([name, , blank]) => [name, blank]));

/**
 * Module constants that records share (so that a restored record shares them too, as a live
 * one does): carried by name.
 */
const CONSTANTS: ReadonlyMap<string, object> = new Map([['NO_AGENTS', NO_AGENTS]]);
const CONSTANT_NAMES: ReadonlyMap<object, string> = new Map([...CONSTANTS].map(([name, x]) => [x, name]));

/**
 * What in the state is not plain data, and how it is carried: the clock (the restoring caller's),
 * the RNG (its state), the skill catalogue (its definitions), the membership index (its export),
 * each queue's scorer (what it was compiled from), the event hub (listeners are not state: a
 * fresh one) and shared module constants (by name). Everything else is data or a registered
 * class, or the encoder throws.
 */
function specialOf(d: DomainState): (x: object) => Special | undefined {
  return (x) => {
    if (x === d.clock) return { kind: 'clock' };
    const constant = CONSTANT_NAMES.get(x);
    if (constant !== undefined) return { kind: 'constant', data: constant };
    if (x === d.rng) return { kind: 'rng', deps: [d.seeded as SeededRng] };
    const source = scorerSourceOf(x);
    if (source !== undefined) return { kind: 'scorer', data: { weights: source.weights, requirements: source.requirements }, deps: [source.catalogue] };
    switch (Object.getPrototypeOf(x)) {
      case SeededRng.prototype: return { kind: 'seededRng', data: (x as SeededRng).state };
      case SkillCatalogue.prototype: return { kind: 'catalogue', data: (x as SkillCatalogue).definitions() };
      case MembershipIndex.prototype: return { kind: 'membership', data: (x as MembershipIndex).export(), deps: [(x as MembershipIndex).catalogue] };
      case EventHub.prototype: return { kind: 'hub' };
      default: return undefined;
    }
  };
}

function specialDecoders(clock: Clock): ReadonlyMap<string, (data: unknown, deps: readonly unknown[]) => unknown> {
  const catalogueOf = (deps: readonly unknown[]): SkillCatalogue => {
    if (!(deps[0] instanceof SkillCatalogue)) throw new TypeError('expected a skill catalogue');
    return deps[0];
  };
  return new Map<string, (data: unknown, deps: readonly unknown[]) => unknown>([
    ['clock', () => clock],
    ['constant', (name) => {
      const x = typeof name === 'string' ? CONSTANTS.get(name) : undefined;
      if (x === undefined) throw new TypeError(`no constant ${JSON.stringify(name)}`);
      return x;
    }],
    ['hub', () => new EventHub()],
    ['seededRng', (state) => {
      if (typeof state !== 'number' || !Number.isInteger(state) || state < 0 || state > 0xffffffff) throw new TypeError('rng state must be a uint32');
      return new SeededRng(state);
    }],
    ['rng', (_, deps) => {
      if (!(deps[0] instanceof SeededRng)) throw new TypeError('expected a seeded rng');
      return deps[0].next;
    }],
    ['catalogue', (defs) => {
      if (!Array.isArray(defs)) throw new TypeError('catalogue must list skill definitions');
      return SkillCatalogue.create(defs as SkillDefinition[]);
    }],
    ['membership', (data, deps) => MembershipIndex.import(catalogueOf(deps), data)],
    ['scorer', (data, deps) => {
      if (!isRecord(data) || !Array.isArray(data.requirements) || !(data.weights === undefined || isRecord(data.weights))) throw new TypeError('scorer data is malformed');
      return compileQueueScorer(catalogueOf(deps), data.weights as SkillWeights | undefined, data.requirements as Requirement[]);
    }],
  ]);
}

/** The domain's whole state as a snapshot string. Throws `SNAPSHOT_UNSUPPORTED` (see RoutingEngine#snapshot). */
export function snapshotDomain(d: DomainState): string {
  if (d.seeded === undefined || d.rng !== d.seeded.next) {
    throw new RoutingError('SNAPSHOT_UNSUPPORTED', 'the engine was built with a caller-supplied rng, whose state a snapshot cannot carry (build it with a seed instead)');
  }
  const g = encodeGraph(d, { classes: CLASS_NAMES, special: specialOf(d) });
  return JSON.stringify({ v: SNAPSHOT_VERSION, shapes: g.shapes, objects: g.objects });
}

/** Rebuilds a domain from {@link snapshotDomain}'s string, on `clock`. Throws `SNAPSHOT_INVALID`. */
export function restoreDomain(snapshot: unknown, clock: Clock): DomainState {
  if (typeof snapshot !== 'string') throw invalid('a snapshot is a string');
  let parsed: unknown;
  try {
    parsed = JSON.parse(snapshot);
  } catch (e) {
    throw invalid('not JSON', e);
  }
  if (!isRecord(parsed) || parsed.v !== SNAPSHOT_VERSION) {
    throw invalid(`format version ${JSON.stringify(isRecord(parsed) ? parsed.v : undefined)}; this engine reads version ${SNAPSHOT_VERSION}`);
  }
  let d: unknown;
  try {
    d = decodeGraph(parsed, { classes: CLASS_BLANKS, specials: specialDecoders(clock) });
  } catch (e) {
    if (isRoutingError(e, 'SNAPSHOT_INVALID')) throw e;
    throw invalid(e instanceof Error ? e.message : String(e), e);
  }
  checkDomain(d, clock);
  return d;
}

/** The top level is what the engine expects (deeper levels are checked by the decoder only). */
function checkDomain(d: unknown, clock: Clock): asserts d is DomainState {
  if (!(d instanceof DomainState)) throw invalid('the root is not a domain state');
  const kinds = [
    d.agents instanceof Map, d.queues instanceof Map, d.contacts instanceof Map, d.channelIndex instanceof Map,
    d.reservations instanceof TokenTable, d.timers instanceof TimerHeap, d.table instanceof AgentTable, d.hub instanceof EventHub,
    d.channelCost instanceof Int32Array, Array.isArray(d.channelNames), Array.isArray(d.ended),
    d.catalogue instanceof SkillCatalogue, d.membership instanceof MembershipIndex, d.seeded instanceof SeededRng,
  ];
  const numbers = [d.now, d.waitingTotal, d.fencing, d.agentSeq, d.queueSeq, d.contactSeq, d.pushSeq, d.idleHigh, d.endedHead, d.retainEnded];
  if (
    kinds.includes(false) || numbers.some((n) => typeof n !== 'number') || typeof d.trace !== 'boolean' ||
    d.clock !== clock || d.rng !== d.seeded?.next || d.membership.catalogue !== d.catalogue
  ) {
    throw invalid('the domain state is malformed');
  }
}

function invalid(why: string, cause?: unknown): RoutingError {
  return new RoutingError('SNAPSHOT_INVALID', why, cause === undefined ? undefined : { cause });
}
