import { useState } from 'preact/hooks';
import type { AgentDesktop, DesktopState } from './agent-desktop.js';
import { NOT_READY_REASONS, presenceChoices, type DeskView } from './desk-view.js';

const REGISTRATION_LABELS: Readonly<Record<DesktopState['registration'], string>> = {
  unregistered: 'Phone offline', registering: 'Phone registering…', registered: 'Phone registered', failed: 'Phone registration failed',
};
const STREAM_LABELS: Readonly<Record<DeskView['stream'], string>> = { connecting: 'Connecting…', open: 'Live', closed: 'Disconnected' };

/** Who is logged in, its state and the controls to change it, and the phone's and the stream's status. */
export function StateBar({ desktop, state, view }: { desktop: AgentDesktop; state: DesktopState; view: DeskView }) {
  const [reason, setReason] = useState(NOT_READY_REASONS[0]?.code ?? 'break');
  const agent = view.agent;
  const can = presenceChoices(agent);
  const tone = agent?.activity ?? 'offline';
  return (
    <header class="state-bar">
      <div class="who">
        <strong>{agent?.name ?? state.session?.user}</strong>
        <span class="muted"> {state.session?.agentId}</span>
      </div>
      <div class={`agent-state tone-${tone}`}>
        <span aria-live="polite"><span class="sr-only">State: </span><span data-testid="agent-state">{agent?.label ?? '…'}</span></span>
        {agent !== undefined && <span class="muted small"> for {agent.inStateFor}</span>}
      </div>
      {agent !== undefined && <div class="muted small" title="capacity units used of the agent's capacity">Capacity {agent.used}/{agent.capacity}</div>}
      <div class="controls" role="group" aria-label="Agent state">
        {can.logIn && <button type="button" onClick={() => void desktop.setPresence('loggedIn')}>Log in to queues</button>}
        <button type="button" class="go" disabled={!can.ready} onClick={() => void desktop.setPresence('ready')}>Ready</button>
        <label class="sr-only" for="not-ready-reason">Not-ready reason</label>
        <select id="not-ready-reason" value={reason} onChange={(e) => setReason(e.currentTarget.value)} disabled={!can.notReady}>
          {NOT_READY_REASONS.map((r) => <option key={r.code} value={r.code}>{r.label}</option>)}
        </select>
        <button type="button" disabled={!can.notReady} onClick={() => void desktop.setPresence('notReady', reason)}>Not ready</button>
        <button type="button" class="quiet" onClick={() => void desktop.logout()}>Log out</button>
      </div>
      <div class="status">
        <span class={`pill reg-${state.registration}`} title={state.registrationCause ?? ''} data-testid="registration">
          {REGISTRATION_LABELS[state.registration]}{state.softphoneKind === 'fake' ? ' (demo phone)' : ''}
        </span>
        <span class={`pill stream-${view.stream}`}>{STREAM_LABELS[view.stream]}</span>
      </div>
    </header>
  );
}
