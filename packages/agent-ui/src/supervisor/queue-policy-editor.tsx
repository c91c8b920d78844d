import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Api } from '../shared/api.js';
import { countMatching } from './pool-preview.js';
import { STRATEGIES, applyRequest, changedParts, draftOf, hasProblems, validateDraft, type PolicyDraft, type PolicyProblems } from './queue-policy.js';
import type { AgentView, QueueConfig, SkillDefinition } from './types.js';

export interface QueuePolicyEditorProps {
  readonly api: Api;
  readonly role: string;
  readonly queues: readonly QueueConfig[];
  readonly skills: readonly SkillDefinition[];
  readonly agents: readonly AgentView[];
  /** The queues were changed: read them again. */
  readonly onApplied: () => Promise<void>;
  readonly announce: (message: string) => void;
  readonly fail: (e: unknown) => void;
}

type Field = Exclude<keyof PolicyDraft, 'steps' | 'tierBoost' | 'strategy'>;

function NumberField(props: { label: string; field: Field; draft: PolicyDraft; problems: PolicyProblems; disabled: boolean; set: (f: Field, v: string) => void; unit?: string }) {
  const { field, problems } = props;
  const problem = problems.fields[field];
  const id = `policy-${field}`;
  return (
    <div class="field">
      <label for={id}>{props.label}{props.unit === undefined ? '' : ` (${props.unit})`}</label>
      <input id={id} class="num" inputMode="decimal" placeholder="default" value={props.draft[field]} disabled={props.disabled} aria-invalid={problem !== undefined} aria-describedby={problem === undefined ? undefined : `${id}-err`}
        onInput={(e) => props.set(field, e.currentTarget.value)} />
      {problem === undefined ? null : <span id={`${id}-err`} class="error">{problem}</span>}
    </div>
  );
}

/** How many of the supervisor's agents a step's requirement takes in (only for a valid requirement). */
function poolSize(skills: readonly SkillDefinition[], requirement: string, agents: readonly AgentView[]): string {
  try {
    return `${countMatching(skills, requirement, agents)} of ${agents.length} agents shown qualify`;
  } catch {
    return '';
  }
}

/** Requirement steps with live validation, strategy, head start per value tier, targets; applied live. */
export function QueuePolicyEditor(p: QueuePolicyEditorProps) {
  const [queueId, setQueueId] = useState(p.queues[0]?.id ?? '');
  const original = p.queues.find((q) => q.id === queueId);
  const [draft, setDraft] = useState<PolicyDraft | undefined>(original === undefined ? undefined : draftOf(original));
  const [applying, setApplying] = useState(false);
  useEffect(() => setDraft(original === undefined ? undefined : draftOf(original)), [queueId, original]);
  const problems = useMemo(() => (draft === undefined ? undefined : validateDraft(draft, p.skills)), [draft, p.skills]);
  if (original === undefined || draft === undefined || problems === undefined) return <p class="muted">No queue to edit.</p>;

  const parts = changedParts(original, draft);
  const set = (f: Field, v: string) => setDraft({ ...draft, [f]: v });
  const setStep = (i: number, key: 'requirement' | 'afterSeconds', v: string) => setDraft({ ...draft, steps: draft.steps.map((s, j) => (j === i ? { ...s, [key]: v } : s)) });
  const apply = async () => {
    setApplying(true);
    try {
      const r = applyRequest(p.role, original, draft);
      await p.api.call(r.method, r.path, r.body);
      p.announce(`Applied the policy of queue ${original.id}`);
      await p.onApplied();
    } catch (e) {
      p.fail(e);
    } finally {
      setApplying(false);
    }
  };
  const common = { draft, problems, disabled: false, set };

  return (
    <form class="policy" onSubmit={(e) => { e.preventDefault(); void apply(); }}>
      <div class="toolbar">
        <label for="policy-queue">Queue</label>
        <select id="policy-queue" value={queueId} onChange={(e) => setQueueId(e.currentTarget.value)}>{p.queues.map((q) => <option key={q.id} value={q.id}>{q.name ?? q.id} ({q.id})</option>)}</select>
        {original.paused === true ? <span class="badge badge--warn">paused</span> : null}
      </div>
      <fieldset class="steps">
        <legend>Requirement steps</legend>
        <p class="hint">Expression syntax: <code>sales&gt;=3 &amp; (lang.ru | lang.en&gt;=2) &amp; !trainee</code>. From each step's time on, agents meeting it (or an earlier step) qualify.</p>
        {problems.form === undefined ? null : <p class="error" role="alert">{problems.form}</p>}
        <ol>
          {draft.steps.map((s, i) => {
            const pr = problems.steps[i] ?? {};
            const rid = `step-${i}-req`;
            const aid = `step-${i}-after`;
            return (
              <li key={i} class="step" data-step={i}>
                <div class="field after">
                  <label for={aid}>After (s)</label>
                  <input id={aid} class="num" inputMode="numeric" value={s.afterSeconds} aria-invalid={pr.afterSeconds !== undefined} aria-describedby={pr.afterSeconds === undefined ? undefined : `${aid}-err`} onInput={(e) => setStep(i, 'afterSeconds', e.currentTarget.value)} />
                  {pr.afterSeconds === undefined ? null : <span id={`${aid}-err`} class="error">{pr.afterSeconds}</span>}
                </div>
                <div class="field req">
                  <label for={rid}>Step {i} requirement</label>
                  <input id={rid} class="mono" spellcheck={false} value={s.requirement} aria-invalid={pr.requirement !== undefined} aria-describedby={`${rid}-note`} onInput={(e) => setStep(i, 'requirement', e.currentTarget.value)} />
                  <span id={`${rid}-note`} class={pr.requirement === undefined ? 'ok-note' : 'error'} aria-live="polite">
                    {pr.requirement === undefined ? `✓ valid — ${poolSize(p.skills, s.requirement, p.agents)}` : pr.requirement.message}
                  </span>
                </div>
                <button type="button" class="link" disabled={draft.steps.length <= 1} onClick={() => setDraft({ ...draft, steps: draft.steps.filter((_, j) => j !== i) })} aria-label={`Remove step ${i}`}>remove</button>
              </li>
            );
          })}
        </ol>
        <button type="button" onClick={() => setDraft({ ...draft, steps: [...draft.steps, { requirement: '', afterSeconds: String(Number(draft.steps[draft.steps.length - 1]?.afterSeconds ?? 0) + 30) }] })}>Add step</button>
      </fieldset>
      <div class="policy-columns">
        <fieldset>
          <legend>Strategy and head start</legend>
          <div class="field">
            <label for="policy-strategy">Agent selection</label>
            <select id="policy-strategy" value={draft.strategy} onChange={(e) => setDraft({ ...draft, strategy: e.currentTarget.value })}>{STRATEGIES.map((s) => <option key={s} value={s}>{s}</option>)}</select>
          </div>
          <table class="tiers">
            <caption>Head start per value tier (seconds)</caption>
            <tbody>
              {Object.entries(draft.tierBoost).map(([tier, v]) => {
                const problem = problems.fields[`tier:${tier}`];
                return (
                  <tr key={tier}>
                    <th scope="row"><label for={`tier-${tier}`}>{tier}</label></th>
                    <td><input id={`tier-${tier}`} class="num" inputMode="numeric" placeholder="none" value={v} aria-invalid={problem !== undefined} onInput={(e) => setDraft({ ...draft, tierBoost: { ...draft.tierBoost, [tier]: e.currentTarget.value } })} />{problem === undefined ? null : <span class="error">{problem}</span>}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <NumberField label="Churn risk head start" field="churnRiskBoostSeconds" unit="s" {...common} />
          <NumberField label="Cap on head start" field="maxBoostSeconds" unit="s" {...common} />
        </fieldset>
        <fieldset>
          <legend>Targets</legend>
          <NumberField label="Service level" field="slPercent" unit="%" {...common} />
          <NumberField label="answered within" field="slThresholdSeconds" unit="s" {...common} />
          <NumberField label="Maximum wait" field="maxWaitSeconds" unit="s" {...common} />
          <NumberField label="Ring timeout" field="ringTimeoutSeconds" unit="s" {...common} />
          <NumberField label="Wrap-up" field="wrapUpSeconds" unit="s" {...common} />
        </fieldset>
      </div>
      <p class="hint">Applied live and recorded in the audit log. Channel, overflow and wrap-up policies are set by an administrator.</p>
      <div class="actions">
        <button type="submit" class="primary" disabled={applying || parts.length === 0 || hasProblems(problems)}>
          {applying ? 'Applying…' : parts.length === 0 ? 'No changes' : `Apply ${parts.join(', ')}`}
        </button>
        <button type="button" disabled={parts.length === 0} onClick={() => setDraft(draftOf(original))}>Reset</button>
      </div>
    </form>
  );
}
