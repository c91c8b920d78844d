import { render } from 'preact';
import { useState } from 'preact/hooks';
import type { Session } from '../shared/api.js';
import { LoginForm } from './login-form.js';
import { SupervisorConsole } from './supervisor-console.js';

const SESSION_KEY = 'switchboard.supervisor.session';

function storedSession(): Session | undefined {
  try {
    const s = JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? 'null') as Session | null;
    return s !== null && typeof s.token === 'string' ? s : undefined;
  } catch {
    return undefined;
  }
}

/** The supervisor console: log in (the session lasts for the tab), then the console. */
function App() {
  const [session, setSession] = useState(storedSession);
  if (session === undefined) {
    return <LoginForm onLogin={(s) => { sessionStorage.setItem(SESSION_KEY, JSON.stringify(s)); setSession(s); }} />;
  }
  return <SupervisorConsole session={session} onLogout={() => { sessionStorage.removeItem(SESSION_KEY); setSession(undefined); }} />;
}

render(<App />, document.getElementById('app') as HTMLElement);
