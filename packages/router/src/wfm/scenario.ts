import type { SkillLevels } from '@switchboard/skills';
import type { DomainConfig } from '../core/config.js';
import type { Distribution } from './distributions.js';

/** An agent's working window, in minutes from the start of interval 0 (may run past the horizon). */
export interface ShiftWindow {
  readonly startMinute: number;
  readonly endMinute: number;
}

/** `count` identical agents, `<id>-1` … `<id>-<count>`. */
export interface AgentGroup {
  readonly id: string;
  readonly count: number;
  readonly skills: SkillLevels;
  readonly capacity?: number;
  readonly maxPerChannel?: Readonly<Record<string, number>>;
  /** When they work; default the whole horizon (warm-up included). */
  readonly shifts?: readonly ShiftWindow[];
}

/** How contacts of a type arrive: Poisson with a rate per interval or per hour, or recorded times. */
export type ArrivalSpec =
  | { readonly perInterval: readonly number[] }
  | { readonly perHour: number }
  | { readonly recorded: readonly number[] };

/** A kind of contact: where it goes, how often it comes, how long it takes, how long its caller waits. */
export interface ContactType {
  readonly id: string;
  readonly queueId: string;
  readonly arrivals: ArrivalSpec;
  readonly handleTime: Distribution;
  /** Caller patience; absent, the caller never hangs up. */
  readonly patience?: Distribution;
  /** Share of contacts per value tier (the rest have none), e.g. `{ "gold": 0.2 }`. */
  readonly valueTiers?: Readonly<Record<string, number>>;
  /** The contact reason (for the queues' reason head starts). */
  readonly reason?: string;
}

/** The routing configuration a simulation runs: the domain's skills, channels and queues, and the agents. */
export interface RoutingSetup {
  readonly domain: Omit<DomainConfig, 'agents'>;
  readonly agents: readonly AgentGroup[];
  /** Seconds from an offer until the agent answers (default 0: at once). */
  readonly ringDelay?: Distribution;
}

/**
 * A simulation scenario: the routing setup, the traffic, the horizon and the seed. Interval 0
 * starts at time 0; a warm-up before it fills the queues (its contacts are not counted).
 */
export interface Scenario extends RoutingSetup {
  readonly seed?: number;
  readonly intervalMinutes?: 15 | 30 | 60;
  readonly intervals: number;
  readonly warmUpMinutes?: number;
  readonly contactTypes: readonly ContactType[];
}

/** A validated scenario with its defaults filled in. */
export interface SimScenario extends Scenario {
  readonly seed: number;
  readonly intervalMinutes: 15 | 30 | 60;
  readonly warmUpMinutes: number;
}
