import type { Customer, DeskContact, Lead } from '../shared/views.js';

/**
 * The agent's daily task list, built from what the service already tells an agent (it has no
 * task endpoint): callbacks on its desk, its customers with overdue invoices (collections) or
 * at risk of leaving (retention), and the leads assigned to it. Each task can be called with
 * the softphone; ticking one off is kept in the browser for the day.
 */

export type TaskKind = 'callback' | 'collections' | 'retention' | 'lead';

export interface Task {
  /** Stable for the day: `kind:subject`. */
  readonly id: string;
  readonly kind: TaskKind;
  readonly title: string;
  readonly detail: string;
  /** The number to call, when there is one. */
  readonly number: string | undefined;
  /** When it is due (router time), for callbacks. */
  readonly due: number | undefined;
  readonly customerId: string | undefined;
}

export interface TaskSources {
  readonly agentId: string;
  /** `GET /v1/customers`: those the agent owns or substitutes for. */
  readonly customers: readonly Customer[];
  /** `GET /v1/leads`: those assigned to the agent. */
  readonly leads: readonly Lead[];
  /** The desk's contacts: callbacks among them. */
  readonly contacts: readonly DeskContact[];
  /** `GET /v1/me/callbacks`: callbacks scheduled for the agent's customers, due within a day. */
  readonly scheduled?: readonly DeskContact[];
}

const ORDER: Readonly<Record<TaskKind, number>> = { callback: 0, collections: 1, retention: 2, lead: 3 };

export const TASK_KIND_LABELS: Readonly<Record<TaskKind, string>> = { callback: 'Callback', collections: 'Collections', retention: 'Retention', lead: 'New lead' };

function customerTasks(agentId: string, customers: readonly Customer[]): Task[] {
  const out: Task[] = [];
  for (const c of customers) {
    const number = c.numbers[0];
    const mine = c.ownerAgentId === agentId || c.creditControllerAgentId === agentId || (c.substituteAgentIds ?? []).includes(agentId);
    if (!mine) continue;
    if (c.flags?.overdueInvoices === true) {
      out.push({ id: `collections:${c.id}`, kind: 'collections', title: c.name, detail: 'Overdue invoices: agree how they are paid', number, due: undefined, customerId: c.id });
    }
    if (c.churnRisk === true || c.flags?.churnRisk === true) {
      out.push({ id: `retention:${c.id}`, kind: 'retention', title: c.name, detail: `Churn risk${c.valueTier === undefined ? '' : ` (${c.valueTier})`}: check in`, number, due: undefined, customerId: c.id });
    }
  }
  return out;
}

function leadTasks(agentId: string, leads: readonly Lead[]): Task[] {
  return leads.filter((l) => l.assignedAgentId === agentId).map((l) => ({
    id: `lead:${l.id}`, kind: 'lead' as const, title: l.number, detail: `New lead${l.reason === undefined ? '' : ` — ${l.reason}`} (asked for ${l.askedQueueId})`,
    number: l.number, due: undefined, customerId: undefined,
  }));
}

function callbackTasks(contacts: readonly DeskContact[], scheduled: readonly DeskContact[]): Task[] {
  const onDesk = contacts.filter((c) => c.callback || c.callbackAt !== undefined);
  const ids = new Set(onDesk.map((c) => c.id));
  return [...onDesk, ...scheduled.filter((c) => !ids.has(c.id))].map((c) => ({
    id: `callback:${c.id}`, kind: 'callback' as const, title: c.attributes.caller ?? c.id, detail: `Callback requested${c.attributes.reason === undefined ? '' : ` — ${c.attributes.reason}`}`,
    number: c.attributes.caller, due: c.callbackAt, customerId: c.attributes.customerId,
  }));
}

/** Today's tasks, callbacks first (soonest due first), then collections, retention and leads. */
export function buildTasks(src: TaskSources): Task[] {
  const all = [...callbackTasks(src.contacts, src.scheduled ?? []), ...customerTasks(src.agentId, src.customers), ...leadTasks(src.agentId, src.leads)];
  return all.sort((a, b) => ORDER[a.kind] - ORDER[b.kind] || (a.due ?? Infinity) - (b.due ?? Infinity) || a.title.localeCompare(b.title));
}

/** Where the ticked-off tasks of one agent and one local day are kept (`localStorage`). */
export function doneTasksKey(agentId: string, localDate: Date): string {
  const d = `${localDate.getFullYear()}-${String(localDate.getMonth() + 1).padStart(2, '0')}-${String(localDate.getDate()).padStart(2, '0')}`;
  return `switchboard.tasks.done.${agentId}.${d}`;
}

/** A number as the softphone dials it: digits and a leading `+` only (`+7 812 997-83-63` → `+78129978363`). */
export function dialable(number: string): string {
  const plus = number.trim().startsWith('+') ? '+' : '';
  return plus + number.replace(/\D/g, '');
}

/** A target to call or transfer to: a phone number as digits, an agent's user or SIP address as typed. */
export function callTarget(target: string): string {
  const t = target.trim();
  return /^[+\d\s().-]+$/.test(t) ? dialable(t) : t;
}
