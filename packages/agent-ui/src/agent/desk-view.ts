import type { AgentActivity, DeskContact } from '../shared/views.js';
import { countdown, elapsedLabel, type Countdown } from './countdown.js';
import { activityOf, serverNow, type DeskState } from './desk-state.js';

/** The not-ready reason codes the desktop offers (the service takes any `[A-Za-z0-9._:-]{1,64}`). */
export const NOT_READY_REASONS: ReadonlyArray<{ readonly code: string; readonly label: string }> = [
  { code: 'break', label: 'Break' },
  { code: 'lunch', label: 'Lunch' },
  { code: 'meeting', label: 'Meeting' },
  { code: 'training', label: 'Training' },
  { code: 'coaching', label: 'Coaching' },
  { code: 'back-office', label: 'Back-office work' },
  { code: 'technical-issue', label: 'Technical issue' },
];

const REASON_LABELS: Readonly<Record<string, string>> = {
  ...Object.fromEntries(NOT_READY_REASONS.map((r) => [r.code, r.label])),
  login: 'just logged in', 'missed-offers': 'paused after missed offers', 'not-ready': 'not ready',
};

/** A reason code as a person reads it. */
export const reasonLabel = (code: string | undefined): string => (code === undefined ? '' : REASON_LABELS[code] ?? code);

export interface AgentStateView {
  readonly id: string;
  readonly name: string;
  readonly presence: 'offline' | 'ready' | 'notReady';
  readonly activity: AgentActivity;
  readonly reason: string | undefined;
  /** `Ready`, `Not ready — Lunch`, `On a call`, … */
  readonly label: string;
  /** How long in this presence, `m:ss`. */
  readonly inStateFor: string;
  readonly capacity: number;
  readonly used: number;
}

export interface OfferView {
  readonly contact: DeskContact;
  readonly token: number;
  readonly ring: Countdown;
}

export interface ConversationView {
  readonly contact: DeskContact;
  /** How long since it was answered, `m:ss`. */
  readonly talkTime: string;
}

export interface WrapUpView {
  readonly contact: DeskContact;
  /** Still held by the router in wrap-up (false: its time ran out, the filing is late). */
  readonly held: boolean;
  /** Time left of the wrap-up, when the router said how long it is. */
  readonly left: Countdown | undefined;
}

/** Everything the desktop shows of the desk at one moment. */
export interface DeskView {
  readonly agent: AgentStateView | undefined;
  readonly offers: readonly OfferView[];
  readonly conversations: readonly ConversationView[];
  readonly wrapUps: readonly WrapUpView[];
  readonly stream: DeskState['stream'];
}

function stateLabel(activity: AgentActivity, reason: string | undefined, contacts: readonly DeskContact[]): string {
  switch (activity) {
    case 'offline': return 'Logged out';
    case 'ready': return 'Ready';
    case 'notReady': return `Not ready${reason === undefined ? '' : ` — ${reasonLabel(reason)}`}`;
    case 'reserved': return 'Offer ringing';
    case 'wrapUp': return 'Wrap-up';
    case 'busy': {
      const active = contacts.filter((c) => c.state === 'active');
      const chats = active.filter((c) => c.channel === 'chat').length;
      if (chats === active.length) return chats === 1 ? 'In a chat' : `In ${chats} chats`;
      return 'On a call';
    }
  }
}

function agentState(s: DeskState, now: number): AgentStateView | undefined {
  const a = s.agent;
  if (a === undefined) return undefined;
  const activity = activityOf(a.presence, s.contacts);
  return {
    id: a.id, name: a.name, presence: a.presence, activity, reason: a.reason, label: stateLabel(activity, a.reason, s.contacts),
    inStateFor: elapsedLabel(activitySince(s, activity) ?? a.presenceSince, now), capacity: a.capacity, used: a.used,
  };
}

const PHASE_OF: Partial<Record<AgentActivity, string>> = { busy: 'active', reserved: 'reserved', wrapUp: 'completed' };

/** When the activity began: the earliest contact in its phase (a conversation, an offer, a wrap-up), else the presence's time. */
function activitySince(s: DeskState, activity: AgentActivity): number | undefined {
  const phase = PHASE_OF[activity];
  const times = s.contacts.filter((c) => c.state === phase).map((c) => s.since[c.id]).filter((t): t is number => t !== undefined);
  return times.length === 0 ? undefined : Math.min(...times);
}

function wrapUps(s: DeskState, now: number): WrapUpView[] {
  const held = s.contacts.filter((c) => c.state === 'completed');
  const heldIds = new Set(held.map((c) => c.id));
  const out: WrapUpView[] = held.map((c) => {
    const until = s.wrapUpUntil[c.id];
    return { contact: s.filings[c.id]?.contact ?? c, held: true, left: until === undefined ? undefined : countdown(until, now, s.since[c.id]) };
  });
  for (const f of Object.values(s.filings)) if (!heldIds.has(f.contact.id)) out.push({ contact: f.contact, held: false, left: undefined });
  return out;
}

/**
 * The view of the desk at `localNow` (browser time): the agent's state, offers with their ring
 * countdown (oldest first), conversations (calls and chats) and wrap-ups to file.
 */
export function deskView(s: DeskState, localNow: number): DeskView {
  const now = serverNow(s, localNow);
  const offers = s.contacts
    .filter((c): c is DeskContact & { reservation: NonNullable<DeskContact['reservation']> } => c.state === 'reserved' && c.reservation !== undefined)
    .map((c) => ({ contact: c, token: c.reservation.token, ring: countdown(c.reservation.deadline, now, s.since[c.id]) }))
    .sort((a, b) => a.contact.reservation.deadline - b.contact.reservation.deadline);
  const conversations = s.contacts.filter((c) => c.state === 'active').map((c) => ({ contact: c, talkTime: elapsedLabel(c.answeredAt ?? s.since[c.id] ?? now, now) }));
  return { agent: agentState(s, now), offers, conversations, wrapUps: wrapUps(s, now), stream: s.stream };
}

/** Which presence changes make sense now (the service decides; the page only avoids pointless buttons). */
export function presenceChoices(agent: AgentStateView | undefined): { readonly logIn: boolean; readonly ready: boolean; readonly notReady: boolean; readonly logOut: boolean } {
  if (agent === undefined) return { logIn: false, ready: false, notReady: false, logOut: false };
  const offline = agent.presence === 'offline';
  return { logIn: offline, ready: !offline && agent.presence !== 'ready', notReady: !offline, logOut: !offline };
}
