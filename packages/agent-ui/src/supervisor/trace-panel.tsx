import { useEffect, useState } from 'preact/hooks';
import type { Api } from '../shared/api.js';
import { formatClock } from './format.js';
import { decisionRows, eligibilityRows } from './trace-view.js';
import type { Trace } from './types.js';

export interface TracePanelProps {
  readonly api: Api;
  readonly contactId: string | undefined;
  readonly onContactId: (id: string) => void;
  readonly myAgents: ReadonlySet<string>;
  readonly fail: (e: unknown) => void;
}

/** A contact's decision trace: each decision with its candidates and why, and every agent's eligibility now. */
export function TracePanel(p: TracePanelProps) {
  const [text, setText] = useState(p.contactId ?? '');
  const [trace, setTrace] = useState<Trace>();
  const [onlyMine, setOnlyMine] = useState(true);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    if (p.contactId === undefined) return;
    setText(p.contactId);
    let live = true;
    setTrace(undefined);
    p.api.get<Trace>(`/v1/contacts/${encodeURIComponent(p.contactId)}/trace`).then((t) => { if (live) setTrace(t); }, p.fail);
    return () => { live = false; };
  }, [p.contactId, version]);

  const show = (e: Event) => {
    e.preventDefault();
    const id = text.trim();
    if (id === '') return;
    if (id === p.contactId) setVersion((v) => v + 1);
    else p.onContactId(id);
  };

  return (
    <section class="trace" aria-labelledby="trace-h">
      <h2 id="trace-h">Decision trace</h2>
      <form class="toolbar" onSubmit={show}>
        <label>Contact id <input class="mono" value={text} onInput={(e) => setText(e.currentTarget.value)} /></label>
        <button type="submit">Show trace</button>
      </form>
      {p.contactId === undefined ? <p class="muted">Pick a contact's “Trace”, or type its id.</p> : trace === undefined ? <p class="muted">Loading…</p> : (
        <div data-trace={p.contactId}>
          <h3>Decisions for <span class="mono">{p.contactId}</span></h3>
          {trace.decisions.length === 0 ? <p class="muted">No routing decision yet.</p> : decisionRows(trace).map((d, i) => (
            <article key={i} class={`decision decision--${d.outcome}`}>
              <p><strong>{formatClock(d.at)}</strong> — {d.trigger}; queue <strong>{d.queueId}</strong>, step {d.step}, {d.strategy}: <strong>{d.summary}</strong></p>
              {d.score === undefined ? null : <p class="muted">Score {d.score}</p>}
              {d.candidates.length === 0 ? <p class="muted">No candidate in the pools of this step.</p> : (
                <table class="candidates">
                  <caption class="visually-hidden">Candidates of decision {i + 1}</caption>
                  <thead><tr><th scope="col">Candidate</th><th scope="col">Pool</th><th scope="col">Strategy key</th><th scope="col">Result</th><th scope="col">Why</th></tr></thead>
                  <tbody>
                    {d.candidates.map((c) => (
                      <tr key={c.id} class={c.result === 'chosen' ? 'chosen' : ''}><th scope="row">{c.id}</th><td>{c.pool}</td><td>{c.key}</td><td>{c.result}</td><td>{c.why}</td></tr>
                    ))}
                  </tbody>
                </table>
              )}
            </article>
          ))}
          <div class="section-head">
            <h3>Who could take it now</h3>
            <label class="inline"><input type="checkbox" checked={onlyMine} onChange={() => setOnlyMine((v) => !v)} /> only my agents</label>
          </div>
          <table class="eligibility">
            <thead><tr><th scope="col">Agent</th><th scope="col">From step</th><th scope="col">Score</th><th scope="col">Eligibility</th></tr></thead>
            <tbody>
              {eligibilityRows(trace, onlyMine ? p.myAgents : undefined).map((r) => (
                <tr key={r.agentId} class={`elig--${r.eligibility}`}><th scope="row">{r.agentId}</th><td>{r.memberStep}</td><td>{r.score}</td><td>{r.why}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
