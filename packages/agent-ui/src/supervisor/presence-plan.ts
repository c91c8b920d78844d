/**
 * Forcing an agent's state: what the supervisor picks, and the presence requests
 * (`PUT /v1/agents/:id/presence`) that get the agent there. The presence machine allows
 * offline → notReady (log in) → ready ⇄ notReady → offline, so a logged-out agent is logged in
 * first. Pure.
 */

export type PresenceBody =
  | { readonly state: 'loggedIn' }
  | { readonly state: 'ready' }
  | { readonly state: 'notReady'; readonly reason?: string }
  | { readonly state: 'loggedOut' };

/** The states a supervisor can force. */
export type ForcedState = 'ready' | 'notReady' | 'offline';

export const FORCED_STATES: ReadonlyArray<{ readonly value: ForcedState; readonly label: string }> = [
  { value: 'ready', label: 'Ready' },
  { value: 'notReady', label: 'Not ready' },
  { value: 'offline', label: 'Log out' },
];

/** Reason code given when a supervisor makes an agent not ready without naming one. */
export const SUPERVISOR_REASON = 'supervisor';

/**
 * The requests that take an agent from `presence` to `target`, in order; none when it is there
 * already (a not-ready agent given a new reason gets one request).
 */
export function presencePlan(presence: string, target: ForcedState, reason = SUPERVISOR_REASON): PresenceBody[] {
  const notReady: PresenceBody = { state: 'notReady', reason };
  if (target === 'offline') return presence === 'offline' ? [] : [{ state: 'loggedOut' }];
  const login: PresenceBody[] = presence === 'offline' ? [{ state: 'loggedIn' }] : [];
  if (target === 'ready') return presence === 'ready' ? [] : [...login, { state: 'ready' }];
  return [...login, notReady];
}
