import { knownKeys, num, obj, optNum } from './checks.js';

/** Agents a formula accepts: enough for the largest centers, few enough to answer fast. */
export const MAX_AGENTS = 100_000;

/** Offered traffic and the service-level threshold, the inputs every Erlang formula shares. */
export interface TrafficInput {
  /** Contacts offered per hour (Poisson arrivals). */
  readonly callsPerHour: number;
  /** Average handle time in seconds (talk + wrap-up; exponential in the formulas). */
  readonly ahtSeconds: number;
  /** Service-level threshold in seconds ("answered within 20 s"). */
  readonly thresholdSeconds: number;
  /** Mean caller patience in seconds (exponential): given, the formulas are Erlang A; absent, Erlang C. */
  readonly patienceSeconds?: number;
}

/** The traffic in rates per second, checked. */
export interface Rates {
  /** Arrivals per second. */
  readonly lambda: number;
  /** Services per second per agent. */
  readonly mu: number;
  /** Abandonments per second per waiting caller (0: nobody abandons). */
  readonly theta: number;
  /** Offered load in Erlangs. */
  readonly load: number;
  readonly ahtSeconds: number;
  readonly thresholdSeconds: number;
}

const KEYS = ['callsPerHour', 'ahtSeconds', 'thresholdSeconds', 'patienceSeconds'];
const DAY = 86_400;

/** Validates traffic (refusing unknown fields when `strict`) and turns it into rates. */
export function ratesOf(v: unknown, path = 'traffic', strict = false): Rates {
  const t = obj(v, path);
  if (strict) knownKeys(t, KEYS, path);
  const callsPerHour = num(t.callsPerHour, `${path}.callsPerHour`, { min: 0, max: 1e7 });
  const ahtSeconds = num(t.ahtSeconds, `${path}.ahtSeconds`, { min: 1, max: DAY });
  const thresholdSeconds = num(t.thresholdSeconds, `${path}.thresholdSeconds`, { min: 0, max: DAY });
  const patience = optNum(t.patienceSeconds, Infinity, `${path}.patienceSeconds`, { min: 1, max: DAY });
  const lambda = callsPerHour / 3600;
  return { lambda, mu: 1 / ahtSeconds, theta: patience === Infinity ? 0 : 1 / patience, load: lambda * ahtSeconds, ahtSeconds, thresholdSeconds };
}

/** Validates an agent count. */
export function agentsOf(v: unknown, path = 'agents'): number {
  return num(v, path, { min: 1, max: MAX_AGENTS, integer: true });
}
