import type { AgentActivity, AgentView, Desk, DeskContact, ServiceEventMessage } from '../shared/views.js';
import { observeClock } from './countdown.js';

/**
 * The agent's desk in the browser: the snapshot the event stream (or `GET /v1/me/desk`) gives,
 * patched by the events that follow, so an offer shows the moment it is made. The reducer is
 * pure; the page refetches the desk after the events {@link needsDeskRefresh} names (the events
 * do not carry the contact's attributes or script) and the refetched desk replaces the patched one.
 */

export type StreamState = 'connecting' | 'open' | 'closed';

/** A contact whose wrap-up the agent still has to file (kept after it leaves the desk). */
export interface PendingFiling {
  readonly contact: DeskContact;
  /** When the conversation ended (router time). */
  readonly endedAt: number;
}

export interface DeskState {
  readonly agent: AgentView | undefined;
  /** The contacts the agent holds: offers (`reserved`), conversations (`active`), wrap-ups (`completed`). */
  readonly contacts: readonly DeskContact[];
  /** Contact id → when its current phase began (router time): offered, answered, ended. */
  readonly since: Readonly<Record<string, number>>;
  /** Contact id → when its wrap-up time ends (router time), once `agent.wrapUpStarted` said so. */
  readonly wrapUpUntil: Readonly<Record<string, number>>;
  /** Contact id → a wrap-up form still open: from the end of the conversation until filed or closed. */
  readonly filings: Readonly<Record<string, PendingFiling>>;
  /** Router time − browser time, estimated from the events' `at`. */
  readonly clockOffsetMs: number | undefined;
  readonly stream: StreamState;
}

export type DeskAction =
  | { readonly type: 'stream.state'; readonly state: StreamState }
  /** A desk from the stream's snapshot or from `GET /v1/me/desk`. */
  | { readonly type: 'desk.loaded'; readonly desk: Desk }
  | { readonly type: 'event'; readonly event: ServiceEventMessage; readonly receivedAt: number }
  /** The agent opens the wrap-up of a contact no longer on its desk (from the end-of-shift check). */
  | { readonly type: 'filing.opened'; readonly contact: DeskContact; readonly endedAt: number }
  /** The agent filed the wrap-up of the contact, or closed the form. */
  | { readonly type: 'filing.closed'; readonly contactId: string }
  /** A reading of the router's clock (e.g. an HTTP `Date` header), taken at `localNow`. */
  | { readonly type: 'clock.sampled'; readonly serverAt: number; readonly localNow: number }
  | { readonly type: 'logged.out' };

export const initialDeskState: DeskState = { agent: undefined, contacts: [], since: {}, wrapUpUntil: {}, filings: {}, clockOffsetMs: undefined, stream: 'connecting' };

/** Events after which the desk is fetched again: they change what the agent holds, and carry too little to show it. */
export function needsDeskRefresh(e: ServiceEventMessage): boolean {
  return e.type.startsWith('reservation.') || e.type.startsWith('contact.') || e.type === 'agent.wrapUpEnded' || e.type === 'agent.updated' || e.type === 'agent.paused';
}

/** What the agent is doing, as the router derives it: a conversation, else an offer, else a wrap-up, else its presence. */
export function activityOf(presence: AgentView['presence'], contacts: readonly DeskContact[]): AgentActivity {
  if (contacts.some((c) => c.state === 'active')) return 'busy';
  if (contacts.some((c) => c.state === 'reserved')) return 'reserved';
  if (contacts.some((c) => c.state === 'completed')) return 'wrapUp';
  return presence;
}

const str = (e: ServiceEventMessage, k: string): string | undefined => (typeof e[k] === 'string' ? (e[k] as string) : undefined);
const num = (e: ServiceEventMessage, k: string): number | undefined => (typeof e[k] === 'number' ? (e[k] as number) : undefined);

function without<T>(r: Readonly<Record<string, T>>, key: string): Record<string, T> {
  const { [key]: _gone, ...rest } = r;
  return rest;
}

function upsert(contacts: readonly DeskContact[], c: DeskContact): DeskContact[] {
  const i = contacts.findIndex((x) => x.id === c.id);
  return i < 0 ? [...contacts, c] : contacts.map((x, j) => (j === i ? c : x));
}

function withFiling(s: DeskState, c: DeskContact, endedAt: number): Record<string, PendingFiling> {
  return s.filings[c.id] === undefined ? { ...s.filings, [c.id]: { contact: c, endedAt } } : { ...s.filings, [c.id]: { ...(s.filings[c.id] as PendingFiling), contact: c } };
}

function loadDesk(s: DeskState, desk: Desk): DeskState {
  const since: Record<string, number> = {};
  for (const a of desk.agent.assignments) since[a.contactId] = a.since;
  const held = new Set(desk.contacts.map((c) => c.id));
  let filings: Record<string, PendingFiling> = { ...s.filings };
  for (const c of desk.contacts) if (c.state === 'completed') filings = withFiling({ ...s, filings }, c, c.endedAt ?? since[c.id] ?? 0);
  const wrapUpUntil = Object.fromEntries(Object.entries(s.wrapUpUntil).filter(([id]) => held.has(id)));
  return { ...s, agent: desk.agent, contacts: desk.contacts, since, wrapUpUntil, filings };
}

function setPresence(s: DeskState, presence: AgentView['presence'], reason: string | undefined, at: number): DeskState {
  if (s.agent === undefined) return s;
  const { reason: _old, ...rest } = s.agent;
  return { ...s, agent: { ...rest, presence, presenceSince: at, ...(reason === undefined ? {} : { reason }) } };
}

function offerMade(s: DeskState, e: ServiceEventMessage): DeskState {
  const id = str(e, 'contactId');
  const token = num(e, 'token');
  const deadline = num(e, 'deadline');
  const reservationId = str(e, 'reservationId');
  if (id === undefined || token === undefined || deadline === undefined || reservationId === undefined) return s;
  const old = s.contacts.find((c) => c.id === id);
  const c: DeskContact = {
    ...(old ?? { id, channel: 'unknown', createdAt: e.at, callback: false, attributes: {} }),
    state: 'reserved', queueId: str(e, 'queueId') ?? old?.queueId ?? '', reservation: { id: reservationId, token, deadline },
  };
  return { ...s, contacts: upsert(s.contacts, c), since: { ...s.since, [id]: e.at } };
}

function contactPatched(s: DeskState, id: string, patch: Partial<DeskContact>, at: number): DeskState {
  const old = s.contacts.find((c) => c.id === id);
  if (old === undefined) return s;
  const { reservation: _r, ...rest } = old;
  const c: DeskContact = { ...rest, ...patch };
  const next = { ...s, contacts: upsert(s.contacts, c), since: { ...s.since, [id]: at } };
  return c.state === 'completed' ? { ...next, filings: withFiling(next, c, at) } : next;
}

function contactGone(s: DeskState, id: string): DeskState {
  return { ...s, contacts: s.contacts.filter((c) => c.id !== id), since: without(s.since, id), wrapUpUntil: without(s.wrapUpUntil, id) };
}

function applyEvent(s: DeskState, e: ServiceEventMessage): DeskState {
  const id = str(e, 'contactId') ?? '';
  switch (e.type) {
    case 'reservation.created': return offerMade(s, e);
    case 'reservation.accepted': return contactPatched(s, id, { state: 'active', answeredAt: e.at }, e.at);
    case 'reservation.rejected':
    case 'reservation.timedOut':
    case 'reservation.cancelled':
    case 'contact.transferred': return contactGone(s, id);
    case 'contact.completed': return contactPatched(s, id, { state: 'completed', endedAt: e.at }, e.at);
    case 'agent.wrapUpStarted': return { ...s, wrapUpUntil: { ...s.wrapUpUntil, [id]: num(e, 'until') ?? e.at } };
    case 'agent.wrapUpEnded': return contactGone(s, id);
    case 'agent.loggedIn': return setPresence(s, 'notReady', 'login', e.at);
    case 'agent.loggedOut': return setPresence(s, 'offline', undefined, e.at);
    case 'agent.ready': return setPresence(s, 'ready', undefined, e.at);
    case 'agent.notReady': return setPresence(s, 'notReady', str(e, 'reason'), e.at);
    case 'agent.paused': return setPresence(s, 'notReady', 'missed-offers', e.at);
    default: return s;
  }
}

/** Routing events carry the router's time; service events (leads) another clock, so they do not set the offset. */
const isRouterEvent = (e: ServiceEventMessage): boolean => /^(reservation|contact|agent|queue|callback)\./.test(e.type);

/** The next desk state after an action. */
export function reduceDesk(s: DeskState, a: DeskAction): DeskState {
  switch (a.type) {
    case 'stream.state': return { ...s, stream: a.state };
    case 'desk.loaded': return loadDesk(s, a.desk);
    case 'filing.closed': return { ...s, filings: without(s.filings, a.contactId) };
    case 'filing.opened': return { ...s, filings: withFiling(s, a.contact, a.endedAt) };
    case 'logged.out': return { ...initialDeskState, stream: s.stream };
    case 'clock.sampled': return { ...s, clockOffsetMs: observeClock(s.clockOffsetMs, a.serverAt, a.localNow) };
    case 'event': {
      const next = applyEvent(s, a.event);
      return isRouterEvent(a.event) ? { ...next, clockOffsetMs: observeClock(s.clockOffsetMs, a.event.at, a.receivedAt) } : next;
    }
  }
}

/** The router's time now, by the browser's clock and the estimated offset. */
export function serverNow(s: DeskState, localNow: number): number {
  return localNow + (s.clockOffsetMs ?? 0);
}
