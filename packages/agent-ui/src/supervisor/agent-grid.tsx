import { useState } from 'preact/hooks';
import { formatDuration, formatPercent } from './format.js';
import { FORCED_STATES, type ForcedState } from './presence-plan.js';
import type { AgentView } from './types.js';
import { agentRows, stateCounts, type AgentRow } from './wallboard-model.js';

export interface AgentGridProps {
  readonly agents: readonly AgentView[];
  readonly now: number;
  readonly forceState: (agentId: string, presence: string, target: ForcedState) => Promise<void>;
}

function ForceState({ row, presence, forceState }: { row: AgentRow; presence: string; forceState: AgentGridProps['forceState'] }) {
  const [target, setTarget] = useState<ForcedState | ''>('');
  const [busy, setBusy] = useState(false);
  const apply = async () => {
    if (target === '') return;
    setBusy(true);
    try {
      await forceState(row.id, presence, target);
      setTarget('');
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="force">
      <select aria-label={`New state for ${row.name}`} value={target} onChange={(e) => setTarget(e.currentTarget.value as ForcedState | '')}>
        <option value="">State…</option>
        {FORCED_STATES.map((s) => <option key={s.value} value={s.value}>{s.label}</option>)}
      </select>
      <button type="button" disabled={target === '' || busy} onClick={() => void apply()} aria-label={`Set state of ${row.name}`}>Set</button>
    </div>
  );
}

/** The agent grid by state, with time in state and a control to force each agent's state. */
export function AgentGrid({ agents, now, forceState }: AgentGridProps) {
  const rows = agentRows(agents, now);
  const presence = new Map(agents.map((a) => [a.id, a.presence]));
  return (
    <section class="agent-grid" aria-labelledby="agents-h">
      <h2 id="agents-h">Agents</h2>
      <ul class="state-counts" aria-label="Agents by state">
        {stateCounts(agents).map((c) => (
          <li key={c.activity} class={`state state--${c.activity}`}>{c.label} <strong>{c.count}</strong></li>
        ))}
      </ul>
      <div class="scroll">
        <table>
          <thead>
            <tr><th scope="col">Agent</th><th scope="col">State</th><th scope="col">Time</th><th scope="col" title="Contacts handled">Hdl.</th><th scope="col" title="Occupancy">Occ.</th><th scope="col">Force state</th></tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-agent={r.id}>
                <th scope="row" title={r.id}>{r.name}</th>
                <td><span class={`state state--${r.activity}`} data-metric="state">{r.label}</span>{r.reason === undefined ? null : <span class="muted"> ({r.reason})</span>}</td>
                <td>{formatDuration(r.timeInStateMs)}</td>
                <td>{r.handled}</td>
                <td>{formatPercent(r.occupancy)}</td>
                <td><ForceState row={r} presence={presence.get(r.id) ?? 'offline'} forceState={forceState} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
