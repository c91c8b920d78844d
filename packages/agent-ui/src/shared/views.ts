/**
 * The service's answers as the pages read them (the JSON schemas at `/docs/json`). Only the
 * fields the pages use are typed; the service may send more.
 */

/** An agent's presence: what it asked for. */
export type AgentPresence = 'offline' | 'ready' | 'notReady';
/** What an agent is doing, derived from presence and the contacts it holds. */
export type AgentActivity = 'offline' | 'ready' | 'notReady' | 'reserved' | 'busy' | 'wrapUp';
/** Where a contact held by an agent stands on its desk. */
export type AssignmentPhase = 'reserved' | 'active' | 'wrapUp';

export interface Assignment {
  readonly contactId: string;
  readonly queueId: string;
  readonly phase: AssignmentPhase;
  readonly since: number;
}

/** `GET /v1/agents/:id`, the desk's `agent`. */
export interface AgentView {
  readonly id: string;
  readonly name: string;
  readonly team?: string;
  readonly center?: string;
  readonly presence: AgentPresence;
  readonly activity: AgentActivity;
  readonly reason?: string;
  readonly presenceSince: number;
  readonly capacity: number;
  readonly used: number;
  readonly skills: Readonly<Record<string, number>>;
  readonly assignments: readonly Assignment[];
  readonly handled: number;
}

export type Scalar = string | number | boolean;

/** What a contact carries: who calls, why, and what the IVR and routing noted (`data`). */
export interface ContactAttributes {
  readonly caller?: string;
  readonly customerId?: string;
  readonly reason?: string;
  readonly valueTier?: string;
  readonly valueScore?: number;
  readonly churnRisk?: boolean;
  readonly data?: Readonly<Record<string, Scalar>>;
}

/** The script the rules selected for a contact, as the desk shows it on the offer. */
export interface ScriptSelectionView {
  readonly scriptId: string;
  readonly title: string;
  readonly ruleId: string;
  readonly offersAllowed: boolean;
}

/** A contact on the agent's desk (`GET /v1/me/desk`). */
export interface DeskContact {
  readonly id: string;
  readonly state: string;
  readonly queueId: string;
  readonly channel: string;
  readonly createdAt: number;
  readonly agentId?: string;
  readonly reservation?: { readonly id: string; readonly token: number; readonly deadline: number };
  readonly callback: boolean;
  readonly callbackAt?: number;
  readonly answeredAt?: number;
  readonly endedAt?: number;
  readonly attributes: ContactAttributes;
  readonly script?: ScriptSelectionView;
}

/** `GET /v1/me/desk`: the agent and the contacts it holds (offers, conversations, wrap-ups). */
export interface Desk {
  readonly agent: AgentView;
  readonly contacts: readonly DeskContact[];
}

/** A customer of the directory (`GET /v1/customers/:id`). */
export interface Customer {
  readonly id: string;
  readonly name: string;
  readonly numbers: readonly string[];
  readonly segment?: string;
  readonly valueTier?: string;
  readonly valueScore?: number;
  readonly churnRisk?: boolean;
  readonly ownerAgentId?: string;
  readonly substituteAgentIds?: readonly string[];
  readonly creditControllerAgentId?: string;
  readonly accounts?: readonly string[];
  readonly flags?: {
    readonly overdueInvoices?: boolean;
    readonly openComplaint?: boolean;
    readonly unfulfilledObligation?: boolean;
    readonly churnRisk?: boolean;
  };
  readonly crossSellPropensity?: number;
  readonly readinessToBuy?: number;
  readonly offers?: readonly string[];
}

/** One interaction of a customer's history (`GET /v1/customers/:id/interactions`), newest first. */
export interface InteractionSummary {
  readonly interactionId: string;
  readonly startedAt?: number;
  readonly endedAt?: number;
  readonly outcome?: string;
  readonly channel?: string;
  readonly customerId?: string;
  readonly queueIds: readonly string[];
  readonly agentIds: readonly string[];
  /** Agent id → the disposition it filed. */
  readonly dispositions: Readonly<Record<string, string>>;
  readonly entries: number;
}

export interface ScriptAnswer {
  readonly label: string;
  readonly next: string;
}

export interface ScriptStep {
  readonly phase: 'greet' | 'verify' | 'resolve' | 'offer' | 'close';
  readonly say: string;
  readonly answers?: Readonly<Record<string, ScriptAnswer>>;
  readonly next?: string;
  readonly end?: boolean;
}

export interface ScriptDefinition {
  readonly id: string;
  readonly title: string;
  readonly start: string;
  readonly steps: Readonly<Record<string, ScriptStep>>;
}

export interface ScriptRun {
  readonly scriptId: string;
  /** The step the agent is on; absent once the run ended. */
  readonly stepId?: string | undefined;
  readonly offersAllowed: boolean;
  readonly path: ReadonlyArray<{ readonly stepId: string; readonly at: number; readonly answer?: string }>;
  readonly skipped: readonly string[];
  readonly done: boolean;
}

/** `GET|POST /v1/contacts/:id/script`: the selection, the script, and the agent's run through it. */
export interface ContactScript {
  readonly selection: { readonly scriptId: string; readonly ruleId: string; readonly offersAllowed: boolean };
  readonly script: ScriptDefinition;
  readonly run?: ScriptRun;
}

/** `GET /v1/me/wrap-ups/missing`: the end-of-shift check. */
export interface ShiftCheck {
  readonly agentId: string;
  readonly shiftStartedAt?: number;
  readonly missing: ReadonlyArray<{
    readonly contactId: string;
    readonly queueId: string;
    readonly answeredAt: number;
    readonly needs: { readonly disposition: boolean; readonly note: boolean };
  }>;
}

/** A lead (`GET /v1/leads`: for an agent, those assigned to it). */
export interface Lead {
  readonly id: string;
  readonly number: string;
  readonly createdAt: string;
  readonly firstContactId: string;
  readonly askedQueueId: string;
  readonly reason?: string;
  readonly data: Readonly<Record<string, Scalar>>;
  readonly status: 'new' | 'assigned';
  readonly assignedAgentId?: string;
  readonly assignedAt?: string;
}

/** An event of the live stream (`/v1/events`): dotted, past tense, `at` in the router's time. */
export interface ServiceEventMessage {
  readonly type: string;
  readonly at: number;
  readonly [k: string]: unknown;
}
