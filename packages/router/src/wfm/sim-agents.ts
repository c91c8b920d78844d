import type { RoutingEngine } from '../core/routing-engine.js';
import { DEFAULT_CAPACITY } from '../core/config.js';
import type { AgentGroup, SimScenario } from './scenario.js';
import type { SimTally } from './sim-tally.js';

const OFFLINE = 0;
const READY = 1;
const NOT_READY = 2;

/**
 * The simulated agents: their presence as the simulator drives it (shifts, recovering from an
 * auto-pause) and their time accounting — staffed while on shift or still finishing a contact,
 * busy in proportion to the capacity their offers and contacts take.
 */
export class SimAgents {
  readonly ids: string[] = [];
  readonly index = new Map<string, number>();
  private readonly capacity: number[] = [];
  private readonly used: Float64Array;
  private readonly lastAt: Float64Array;
  private readonly onShift: Uint8Array;
  private readonly presence: Uint8Array;
  /** The queues each agent serves (at any step). */
  readonly queues: Int32Array[] = [];

  private tally: SimTally | undefined;

  constructor(groups: readonly AgentGroup[], private readonly engine: RoutingEngine, queueIndex: ReadonlyMap<string, number>) {
    for (const g of groups) {
      for (let n = 1; n <= g.count; n++) {
        const id = `${g.id}-${n}`;
        this.index.set(id, this.ids.length);
        this.ids.push(id);
        this.capacity.push(g.capacity ?? DEFAULT_CAPACITY);
        const memberships = engine.agent(id).memberships;
        this.queues.push(Int32Array.from(memberships.map((m) => queueIndex.get(m.queueId) as number)));
      }
    }
    const n = this.ids.length;
    this.used = new Float64Array(n);
    this.lastAt = new Float64Array(n).fill(-Infinity);
    this.onShift = new Uint8Array(n);
    this.presence = new Uint8Array(n);
  }

  /** Where the agents' time is counted. */
  countInto(tally: SimTally): void {
    this.tally = tally;
  }

  /** Shift windows of every agent, in seconds from interval 0 (starts no earlier than the warm-up). */
  static shiftsOf(s: SimScenario): Array<{ agent: number; start: number; end: number }> {
    const out: Array<{ agent: number; start: number; end: number }> = [];
    const first = -s.warmUpMinutes * 60;
    let agent = 0;
    for (const g of s.agents) {
      const windows = g.shifts ?? [{ startMinute: first / 60, endMinute: Infinity }];
      for (let n = 0; n < g.count; n++, agent++) {
        for (const w of windows) out.push({ agent, start: Math.max(first, w.startMinute * 60), end: w.endMinute * 60 });
      }
    }
    return out;
  }

  /** Counts the agent's time up to `nowS` (seconds) before anything about it changes. */
  flush(agent: number, nowS: number): void {
    const from = this.lastAt[agent] as number;
    const used = this.used[agent] as number;
    if (from < nowS && (this.onShift[agent] === 1 || used > 0)) {
      this.tally?.worked(agent, from, nowS, Math.min(1, used / (this.capacity[agent] as number)));
    }
    this.lastAt[agent] = nowS;
  }

  take(agent: number, cost: number, nowS: number): void {
    this.flush(agent, nowS);
    this.used[agent] = (this.used[agent] as number) + cost;
  }

  release(agent: number, cost: number, nowS: number): void {
    this.flush(agent, nowS);
    this.used[agent] = Math.max(0, (this.used[agent] as number) - cost);
  }

  shiftStarted(agent: number, nowS: number): void {
    this.flush(agent, nowS);
    this.onShift[agent] = 1;
    const id = this.ids[agent] as string;
    if (this.presence[agent] === OFFLINE) this.engine.login(id);
    if (this.presence[agent] !== READY) this.engine.ready(id);
    this.presence[agent] = READY;
  }

  shiftEnded(agent: number, nowS: number): void {
    this.flush(agent, nowS);
    this.onShift[agent] = 0;
    if (this.presence[agent] === OFFLINE) return;
    this.engine.notReady(this.ids[agent] as string, 'end-of-shift');
    this.presence[agent] = NOT_READY;
  }

  /** The engine paused the agent (missed offers). */
  paused(agent: number): void {
    this.presence[agent] = NOT_READY;
  }

  /** After a pause the agent makes itself ready again, if still on shift. */
  resume(agent: number): void {
    if (this.onShift[agent] !== 1 || this.presence[agent] !== NOT_READY) return;
    this.engine.ready(this.ids[agent] as string);
    this.presence[agent] = READY;
  }

  /** Counts every agent's time up to the end of the horizon (idle agents have no event there). */
  close(endS: number): void {
    for (let a = 0; a < this.ids.length; a++) this.flush(a, Math.max(endS, this.lastAt[a] as number));
  }
}
