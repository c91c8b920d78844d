import type { ContactScript, Customer, DeskContact, InteractionSummary, Scalar } from '../shared/views.js';

/**
 * The screen pop: who is calling, why, what to watch out for, what happened before, the script
 * to follow and what may be offered — assembled from the desk contact, the customer, the
 * customer's history and the script selection. Pure: the page fetches, this decides.
 */

export type FlagId = 'overdue' | 'complaint' | 'churn' | 'obligation';

export interface ScreenPopFlag {
  readonly id: FlagId;
  readonly label: string;
}

export interface HistoryLine {
  readonly id: string;
  readonly startedAt: number | undefined;
  readonly channel: string;
  readonly outcome: string;
  readonly queues: string;
  readonly dispositions: string;
}

export interface ScreenPop {
  readonly contactId: string;
  readonly channel: string;
  readonly queueId: string;
  readonly caller: string | undefined;
  readonly customer: {
    readonly id: string;
    readonly name: string;
    readonly numbers: readonly string[];
    readonly segment: string | undefined;
    readonly valueTier: string | undefined;
    readonly valueScore: number | undefined;
    readonly owner: string | undefined;
    readonly substitutes: readonly string[];
    readonly accounts: readonly string[];
  } | undefined;
  /** A known customer id the page could not read (not this agent's to see, or gone). */
  readonly customerUnreadable: boolean;
  readonly why: {
    readonly reason: string | undefined;
    /** Why the router sent it here: account-team, collections, lead, queue. */
    readonly routedBy: string | undefined;
    /** The other routing notes (policy, center, region, lead) and the IVR's data, as label/value pairs. */
    readonly routing: ReadonlyArray<readonly [string, string]>;
    readonly ivr: ReadonlyArray<readonly [string, string]>;
  };
  readonly flags: readonly ScreenPopFlag[];
  readonly history: readonly HistoryLine[];
  readonly script: { readonly scriptId: string; readonly title: string | undefined; readonly ruleId: string } | undefined;
  /** Cross-sell offers to suggest: none when offers are not allowed. */
  readonly offers: readonly string[];
  /** Why the customer's offers are not shown, when it has some. */
  readonly offersHiddenBecause: string | undefined;
}

export interface ScreenPopInput {
  readonly contact: DeskContact;
  readonly customer?: Customer | undefined;
  /** True when reading the customer failed (403/404). */
  readonly customerUnreadable?: boolean;
  readonly history?: readonly InteractionSummary[] | undefined;
  readonly script?: ContactScript | undefined;
  /** How many past interactions to list (default 5). */
  readonly historyLimit?: number;
}

/** What the router notes in the contact's data about its routing (the rest came from the IVR or the PBX). */
const ROUTING_KEYS: Readonly<Record<string, string>> = { policy: 'Service policy', center: 'Center', region: 'Region', leadId: 'Lead', callerCountry: 'Caller country' };
const ROUTED_BY_LABELS: Readonly<Record<string, string>> = {
  'account-team': 'Account team (owner first)', collections: 'Collections (overdue invoices)', lead: 'New lead (unknown number)', queue: 'Queue',
};

/** `seat-upgrade-discount` → `Seat upgrade discount`. */
export const humanize = (id: string): string => {
  const s = id.replace(/[-_.]+/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').trim().toLowerCase();
  return s.charAt(0).toUpperCase() + s.slice(1);
};

export const routedByLabel = (r: string | undefined): string | undefined => (r === undefined ? undefined : ROUTED_BY_LABELS[r] ?? humanize(r));

function why(contact: DeskContact): ScreenPop['why'] {
  const data: Readonly<Record<string, Scalar>> = contact.attributes.data ?? {};
  const routing: Array<readonly [string, string]> = [];
  const ivr: Array<readonly [string, string]> = [];
  for (const [k, v] of Object.entries(data)) {
    if (k === 'routedBy') continue;
    const label = ROUTING_KEYS[k];
    if (label !== undefined) routing.push([label, String(v)]);
    else ivr.push([humanize(k), String(v)]);
  }
  const routedBy = typeof data.routedBy === 'string' ? data.routedBy : undefined;
  return { reason: contact.attributes.reason, routedBy, routing, ivr };
}

function flagsOf(contact: DeskContact, customer: Customer | undefined): ScreenPopFlag[] {
  const f = customer?.flags ?? {};
  const out: ScreenPopFlag[] = [];
  if (f.overdueInvoices === true) out.push({ id: 'overdue', label: 'Overdue invoices' });
  if (isComplaint(contact, customer)) out.push({ id: 'complaint', label: 'Open complaint' });
  if (f.unfulfilledObligation === true) out.push({ id: 'obligation', label: 'Unfulfilled obligation' });
  if (f.churnRisk === true || customer?.churnRisk === true || contact.attributes.churnRisk === true) out.push({ id: 'churn', label: 'Churn risk' });
  return out;
}

/** A complaint: the caller said so (IVR reason) or the customer has one open. */
export function isComplaint(contact: DeskContact, customer: Customer | undefined): boolean {
  return contact.attributes.reason === 'complaint' || customer?.flags?.openComplaint === true;
}

function historyLines(contactId: string, history: readonly InteractionSummary[], limit: number): HistoryLine[] {
  return history.filter((h) => h.interactionId !== contactId).slice(0, limit).map((h) => ({
    id: h.interactionId, startedAt: h.startedAt, channel: h.channel ?? '—', outcome: h.outcome ?? 'in progress',
    queues: h.queueIds.join(', '), dispositions: Object.entries(h.dispositions).map(([agent, d]) => `${d} (${agent})`).join(', '),
  }));
}

/**
 * Whether offers may be suggested: the script selection says so (`offersAllowed` is false for a
 * complaint unless the winning rule allows it); without a selection, not during a complaint.
 */
export function offersAllowed(input: Pick<ScreenPopInput, 'contact' | 'customer' | 'script'>): boolean {
  const selected = input.script?.selection.offersAllowed ?? input.contact.script?.offersAllowed;
  return selected ?? !isComplaint(input.contact, input.customer);
}

/** The screen pop of a contact, from whatever of its parts the page has read so far. */
export function assembleScreenPop(input: ScreenPopInput): ScreenPop {
  const { contact, customer } = input;
  const allowed = offersAllowed(input);
  const candidates = customer?.offers ?? [];
  const sel = input.script?.selection ?? contact.script;
  return {
    contactId: contact.id, channel: contact.channel, queueId: contact.queueId, caller: contact.attributes.caller,
    customer: customer === undefined ? undefined : {
      id: customer.id, name: customer.name, numbers: customer.numbers, segment: customer.segment,
      valueTier: customer.valueTier ?? contact.attributes.valueTier, valueScore: customer.valueScore ?? contact.attributes.valueScore,
      owner: customer.ownerAgentId, substitutes: customer.substituteAgentIds ?? [], accounts: customer.accounts ?? [],
    },
    customerUnreadable: customer === undefined && input.customerUnreadable === true,
    why: why(contact),
    flags: flagsOf(contact, customer),
    history: historyLines(contact.id, input.history ?? [], input.historyLimit ?? 5),
    script: sel === undefined ? undefined : { scriptId: sel.scriptId, title: input.script?.script.title ?? contact.script?.title, ruleId: sel.ruleId },
    offers: allowed ? candidates.map(humanize) : [],
    offersHiddenBecause: allowed || candidates.length === 0 ? undefined : 'Not during a complaint: the script selection allows no offers.',
  };
}
