import { useState } from 'preact/hooks';
import { Api, ApiError, type Session } from '../shared/api.js';

/** The console's login: supervisors and admins only. */
export function LoginForm({ onLogin }: { onLogin: (s: Session) => void }) {
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const s = await Api.login(user.trim(), password);
      if (s.role === 'agent') setError('This console is for supervisors and administrators. Agents work at /agent.');
      else onLogin(s);
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? 'Wrong user name or password.' : `Could not log in: ${(err as Error).message}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="login">
      <form onSubmit={(e) => void submit(e)} aria-labelledby="login-h">
        <h1 id="login-h">Switchboard — supervisor console</h1>
        <label for="login-user">User name</label>
        <input id="login-user" name="user" autocomplete="username" required value={user} onInput={(e) => setUser(e.currentTarget.value)} />
        <label for="login-password">Password</label>
        <input id="login-password" name="password" type="password" autocomplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        {error === undefined ? null : <p class="error" role="alert">{error}</p>}
        <button type="submit" class="primary" disabled={busy}>{busy ? 'Logging in…' : 'Log in'}</button>
        <p class="hint">Demo: <code>sue</code> or <code>max</code> / <code>supervisor-demo</code>, <code>admin</code> / <code>admin-demo</code>.</p>
      </form>
    </main>
  );
}
