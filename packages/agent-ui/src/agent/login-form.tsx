import { useState } from 'preact/hooks';
import type { AgentDesktop, Notice } from './agent-desktop.js';
import { NoticeBar } from './notice-bar.js';

/** User name and password; the service's refusal is shown as it said it. */
export function LoginForm({ desktop, notice }: { desktop: AgentDesktop; notice: Notice | undefined }) {
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    await desktop.login(user.trim(), password);
    setBusy(false);
  };
  return (
    <main class="login">
      <form class="card login-card" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">Switchboard — agent desktop</h1>
        <NoticeBar notice={notice} onDismiss={() => desktop.dismissNotice()} />
        <label for="login-user">User</label>
        <input id="login-user" name="user" autocomplete="username" required value={user} onInput={(e) => setUser(e.currentTarget.value)} />
        <label for="login-password">Password</label>
        <input id="login-password" name="password" type="password" autocomplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        <button type="submit" class="primary" disabled={busy}>{busy ? 'Logging in…' : 'Log in'}</button>
        <p class="hint">Demo: agent01…agent20 / agent-demo</p>
      </form>
    </main>
  );
}
