/**
 * IVR definitions: JSON documents describing a menu tree (packages/ivr/README.md has the node types with an
 * example). A definition is validated by `validateIvr` and compiled by `ivrMachine`; the
 * session functions step it one caller input at a time.
 */

/** What to play: text for TTS (one text, or one per language) or a recorded prompt id. */
export interface Prompt {
  readonly text?: string | Readonly<Record<string, string>>;
  readonly promptId?: string;
}

/** Re-prompting: how long to wait for input, how often to ask again, and what to say then. */
export interface Retry {
  readonly timeoutSeconds?: number;
  readonly maxRetries?: number;
  readonly noInputPrompt?: Prompt;
  readonly invalidPrompt?: Prompt;
  /** Where to go once the retries are used up. */
  readonly onFail: string;
}

/** A DTMF key (or a spoken keyword) and where it leads; it may set the language or variables. */
export interface MenuOption {
  readonly key: string;
  readonly next: string;
  readonly keywords?: readonly string[];
  readonly language?: string;
  readonly set?: Readonly<Record<string, string>>;
}

export interface MenuNode extends Retry {
  readonly type: 'menu';
  readonly prompt: Prompt;
  readonly options: readonly MenuOption[];
}

/** Digits to collect: an account number (`digits`), a date (`date`, DDMMYYYY) or an amount (`amount`, `*` as the decimal point). */
export interface CollectNode extends Retry {
  readonly type: 'collect';
  readonly prompt: Prompt;
  readonly field: string;
  readonly kind: 'digits' | 'date' | 'amount';
  readonly minLength: number;
  readonly maxLength: number;
  readonly next: string;
}

export interface PlayNode {
  readonly type: 'play';
  readonly prompt: Prompt;
  readonly next: string;
}

/** Opening hours in a time zone; `open` when the caller calls within them, else `closed`. */
export interface HoursNode {
  readonly type: 'hours';
  readonly timeZone: string;
  readonly days: readonly number[];
  readonly from: string;
  readonly to: string;
  readonly holidays?: readonly string[];
  readonly open: string;
  readonly closed: string;
}

/** Asks a pluggable function (e.g. "is this account overdue?") and branches on its answer. */
export interface LookupNode {
  readonly type: 'lookup';
  readonly function: string;
  /** The collected field passed to the function. */
  readonly input?: string;
  /** Store the answer in this variable. */
  readonly saveAs?: string;
  readonly branches: Readonly<Record<string, string>>;
  readonly default: string;
}

/** Exit: the call enters the router's queue with what the menu learned. */
export interface RouteNode {
  readonly type: 'route';
  readonly queueId: string;
  readonly reason?: string;
  readonly requiredSkills?: readonly string[];
  readonly prompt?: Prompt;
}

/** Exit: the caller asks to be called back (the contact enters the queue as a callback). */
export interface CallbackNode {
  readonly type: 'callback';
  readonly queueId: string;
  readonly reason?: string;
  readonly prompt?: Prompt;
}

/** Exit: self-service is done; say goodbye and hang up. */
export interface EndNode {
  readonly type: 'end';
  readonly prompt?: Prompt;
}

/** Exit: transfer the call to a number. */
export interface TransferNode {
  readonly type: 'transfer';
  readonly number: string;
  readonly prompt?: Prompt;
}

export type IvrNode = MenuNode | CollectNode | PlayNode | HoursNode | LookupNode | RouteNode | CallbackNode | EndNode | TransferNode;

/** The node types that end the IVR. */
export const EXIT_TYPES = ['route', 'callback', 'end', 'transfer'] as const;
export type ExitNode = RouteNode | CallbackNode | EndNode | TransferNode;

/** A whole IVR: its nodes by id and where a call starts. */
export interface IvrDefinition {
  readonly id: string;
  readonly start: string;
  /** The language prompts are played in until an option sets another. */
  readonly language?: string;
  readonly nodes: Readonly<Record<string, IvrNode>>;
}

export const isExit = (n: IvrNode): n is ExitNode => (EXIT_TYPES as readonly string[]).includes(n.type);

/** The nodes a node can lead to (for reachability and loop checks). */
export function successors(n: IvrNode): string[] {
  switch (n.type) {
    case 'menu': return [...n.options.map((o) => o.next), n.onFail];
    case 'collect': return [n.next, n.onFail];
    case 'play': return [n.next];
    case 'hours': return [n.open, n.closed];
    case 'lookup': return [...Object.values(n.branches), n.default];
    default: return [];
  }
}
