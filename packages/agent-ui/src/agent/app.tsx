import { useEffect, useReducer, useState } from 'preact/hooks';
import type { Session } from '../shared/api.js';
import type { AgentDesktop, DesktopState } from './agent-desktop.js';
import { Desktop } from './desktop.js';
import { LoginForm } from './login-form.js';

const SESSION_KEY = 'switchboard.agent.session';

/** Re-renders on every change of the desktop's state. */
function useDesktopState(d: AgentDesktop): DesktopState {
  const [, bump] = useReducer((n: number) => n + 1, 0);
  useEffect(() => d.subscribe(() => bump(undefined)), [d]);
  return d.state;
}

/** The browser's clock, ticking (countdowns). */
export function useNow(everyMs = 250): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}

/** The agent desktop: the login form, then the desk. The session survives a reload of the tab. */
export function App({ desktop, sessions }: { desktop: AgentDesktop; sessions: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> }) {
  const state = useDesktopState(desktop);
  const [resuming, setResuming] = useState(() => sessions.getItem(SESSION_KEY) !== null);
  useEffect(() => {
    const kept = sessions.getItem(SESSION_KEY);
    if (kept === null) return;
    void desktop.resume(JSON.parse(kept) as Session).then((ok) => {
      if (!ok) sessions.removeItem(SESSION_KEY);
      setResuming(false);
    });
  }, [desktop, sessions]);
  useEffect(() => {
    if (state.session !== undefined) sessions.setItem(SESSION_KEY, JSON.stringify(state.session));
    else if (!resuming) sessions.removeItem(SESSION_KEY);
  }, [state.session, resuming, sessions]);
  if (state.session === undefined) {
    return resuming ? <main class="login" aria-busy="true"><p>Reconnecting…</p></main> : <LoginForm desktop={desktop} notice={state.notice} />;
  }
  return <Desktop desktop={desktop} state={state} />;
}
