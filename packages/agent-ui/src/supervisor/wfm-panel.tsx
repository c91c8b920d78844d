import { useState } from 'preact/hooks';
import type { Api } from '../shared/api.js';
import type { AgentView, QueueConfig, SkillDefinition } from './types.js';
import { DEFAULT_ERLANG_DRAFT, erlangBodyOf, scenarioFromConfig, whatIfRows, type ErlangDraft, type QueueTraffic, type WhatIfAnswer, type WhatIfRow } from './wfm-model.js';
import './wfm-panel.css';

export interface WfmPanelProps {
  readonly api: Api;
  readonly skills: readonly SkillDefinition[];
  /** The queues I supervise. */
  readonly queues: readonly QueueConfig[];
  readonly agents: readonly AgentView[];
  readonly announce: (message: string) => void;
  readonly fail: (e: unknown) => void;
}

interface ErlangAnswer {
  readonly kind: 'staffed' | 'unreachable' | 'given';
  readonly agents: number;
  readonly metrics: { serviceLevel: number; asa: number | null; occupancy: number; probabilityOfWaiting: number; probabilityOfAbandon: number; model: string };
}

const LABELS: Record<keyof ErlangDraft, string> = {
  callsPerHour: 'Calls per hour', ahtSeconds: 'Handle time (s)', targetPercent: 'Target (% answered)', thresholdSeconds: 'within (s)',
  maxOccupancyPercent: 'Max occupancy (%)', patienceSeconds: 'Mean patience (s, Erlang A)',
};

/** The staffing calculator: agents needed for a target, Erlang C or A (POST /v1/wfm/erlang). */
function StaffingCalculator({ api, fail }: Pick<WfmPanelProps, 'api' | 'fail'>) {
  const [draft, setDraft] = useState<ErlangDraft>(DEFAULT_ERLANG_DRAFT);
  const [answer, setAnswer] = useState<ErlangAnswer>();
  const checked = erlangBodyOf(draft);
  const problems = 'problems' in checked ? checked.problems : {};
  const submit = async () => {
    if (!('body' in checked)) return;
    try {
      setAnswer(await api.post<ErlangAnswer>('/v1/wfm/erlang', checked.body));
    } catch (e) {
      fail(e);
    }
  };
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  return (
    <section aria-labelledby="calc-h">
      <h2 id="calc-h">Staffing calculator</h2>
      <form class="calc" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        {(Object.keys(LABELS) as Array<keyof ErlangDraft>).map((k) => (
          <div class="field" key={k}>
            <label for={`calc-${k}`}>{LABELS[k]}</label>
            <input id={`calc-${k}`} class="num" inputMode="decimal" value={draft[k]} aria-invalid={problems[k] !== undefined} onInput={(e) => setDraft({ ...draft, [k]: e.currentTarget.value })} />
            {problems[k] === undefined ? null : <span class="error">{problems[k]}</span>}
          </div>
        ))}
        <button type="submit" disabled={'problems' in checked}>Calculate</button>
      </form>
      {answer === undefined ? null : (
        <div class="result" role="status" aria-live="polite">
          <p><strong data-agents={answer.agents}>{answer.agents} agents</strong> {answer.kind === 'unreachable' ? '— the target cannot be met' : ''} <span class="muted">({answer.metrics.model})</span></p>
          <dl>
            <dt>Service level</dt><dd>{pct(answer.metrics.serviceLevel)}</dd>
            <dt>ASA</dt><dd>{answer.metrics.asa === null ? '–' : `${answer.metrics.asa.toFixed(1)} s`}</dd>
            <dt>Occupancy</dt><dd>{pct(answer.metrics.occupancy)}</dd>
            <dt>P(wait)</dt><dd>{pct(answer.metrics.probabilityOfWaiting)}</dd>
            <dt>Abandonment</dt><dd>{pct(answer.metrics.probabilityOfAbandon)}</dd>
          </dl>
        </div>
      )}
    </section>
  );
}

/** The what-if: today's setup against an edited proposal on the same simulated traffic (POST /v1/wfm/what-if). */
function WhatIfPanel(p: WfmPanelProps) {
  const [traffic, setTraffic] = useState<Record<string, QueueTraffic>>(() => Object.fromEntries(p.queues.map((q) => [q.id, { perHour: 30, ahtSeconds: 240, patienceSeconds: 120 }])));
  const [proposal, setProposal] = useState<string>();
  const [replications, setReplications] = useState('10');
  const [rows, setRows] = useState<readonly WhatIfRow[]>();
  const [busy, setBusy] = useState(false);
  const built = scenarioFromConfig(p.skills, p.queues, p.agents, traffic);
  const proposalText = proposal ?? JSON.stringify(built.proposal, null, 2);
  const setRate = (queueId: string, key: keyof QueueTraffic, value: string) => {
    const n = Number(value);
    if (Number.isFinite(n) && n >= 0) setTraffic({ ...traffic, [queueId]: { ...(traffic[queueId] as QueueTraffic), [key]: n } });
  };
  const run = async () => {
    setBusy(true);
    try {
      const answer = await p.api.post<WhatIfAnswer>('/v1/wfm/what-if', { scenario: built.scenario, proposal: JSON.parse(proposalText) as unknown, replications: Number(replications) });
      setRows(whatIfRows(answer));
      p.announce(`What-if done: ${answer.replications} paired replications`);
    } catch (e) {
      p.fail(e instanceof SyntaxError ? new Error(`The proposal is not valid JSON: ${e.message}`) : e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="whatif-h">
      <h2 id="whatif-h">What-if</h2>
      <p class="hint">Today's queues and agents against a proposal, on the same simulated traffic (4 hours, every agent present). Edit skills or steps in the proposal; differences come with 95 % intervals.</p>
      <table class="traffic">
        <thead><tr><th scope="col">Queue</th><th scope="col">Calls / hour</th><th scope="col">Handle time (s)</th><th scope="col">Patience (s)</th></tr></thead>
        <tbody>
          {p.queues.map((q) => (
            <tr key={q.id}>
              <th scope="row">{q.name ?? q.id}</th>
              {(['perHour', 'ahtSeconds', 'patienceSeconds'] as const).map((k) => (
                <td key={k}><input aria-label={`${q.id} ${k}`} inputMode="decimal" value={String(traffic[q.id]?.[k] ?? '')} onChange={(e) => setRate(q.id, k, e.currentTarget.value)} /></td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <div class="field">
        <label for="whatif-proposal">Proposal (domain and agents)</label>
        <textarea id="whatif-proposal" spellcheck={false} value={proposalText} onInput={(e) => setProposal(e.currentTarget.value)} />
      </div>
      <div class="toolbar">
        <label for="whatif-reps">Replications</label>
        <input id="whatif-reps" class="num" inputMode="numeric" value={replications} onInput={(e) => setReplications(e.currentTarget.value)} />
        <button type="button" disabled={busy} onClick={() => void run()}>{busy ? 'Simulating…' : 'Compare'}</button>
        <button type="button" class="link" onClick={() => setProposal(undefined)}>Reset proposal</button>
      </div>
      {rows === undefined ? null : (
        <table class="whatif-result">
          <thead><tr><th scope="col">Queue</th><th scope="col">KPI</th><th scope="col">Today</th><th scope="col">Proposal</th><th scope="col">Difference (95 %)</th></tr></thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.scope}-${r.kpi}`}><th scope="row">{r.scope}</th><td>{r.kpi}</td><td>{r.baseline}</td><td>{r.proposal}</td><td class={r.verdict}>{r.difference}</td></tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Workforce management in the console: the staffing calculator beside the what-if. */
export function WfmPanel(p: WfmPanelProps) {
  return (
    <div class="wfm">
      <StaffingCalculator api={p.api} fail={p.fail} />
      <WhatIfPanel {...p} />
    </div>
  );
}
