/** The phases of a conversation, in their usual order. */
export const SCRIPT_PHASES = ['greet', 'verify', 'resolve', 'offer', 'close'] as const;

/** The phase a step belongs to; steps of phase `offer` are skipped when offers are not allowed. */
export type ScriptPhase = (typeof SCRIPT_PHASES)[number];

/**
 * The answer id that marks an offer step's decline path. An offer step without `next` must
 * offer it: when offers are not allowed the run continues as if the customer had declined.
 */
export const DECLINE_ANSWER = 'decline';

/** One answer the customer can give at a step, and the step it leads to. */
export interface ScriptAnswer {
  /** What the agent's screen shows for this answer. */
  readonly label: string;
  /** The id of the step this answer leads to. */
  readonly next: string;
}

/**
 * One step of a conversation script. A step is exactly one of: a question (`answers`), a
 * statement followed by another step (`next`), or a closing step (`end: true`).
 */
export interface ScriptStep {
  readonly phase: ScriptPhase;
  /** What the agent says or does. */
  readonly say: string;
  /** The customer's possible answers, by answer id, each leading to a step. */
  readonly answers?: Readonly<Record<string, ScriptAnswer>>;
  /** The step that follows when the step asks nothing. */
  readonly next?: string;
  /** A closing step: the script ends after it. */
  readonly end?: boolean;
}

/** A conversation script: steps by id, and the step it starts at. Check untrusted JSON with `validateScript`. */
export interface ScriptDefinition {
  readonly id: string;
  readonly title: string;
  /** The id of the first step. */
  readonly start: string;
  readonly steps: Readonly<Record<string, ScriptStep>>;
}

/** The events of a script's machine: `next` past a statement, `answer.<id>` at a question. */
export type ScriptEvent = { readonly type: 'next' } | { readonly type: `answer.${string}` };
