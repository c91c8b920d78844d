import type { ScriptRun, ScriptSelection } from '@switchboard/ivr';
import type { HistoryDraft } from './history-entry.js';

/**
 * Pure: the history entries of an agent's way through a contact's script — `script.started`
 * (which script, chosen by which rule, offers allowed or not), one `script.step` per step left
 * (the answer given, where it led), and `script.completed` with the whole path when the run ends.
 */

interface Who {
  readonly interactionId: string;
  readonly agentId: string;
  readonly queueId: string;
  readonly at: number;
}

const base = (w: Who, kind: HistoryDraft['kind']) => ({ interactionId: w.interactionId, at: w.at, kind, source: 'service' as const, agentId: w.agentId, queueId: w.queueId });

/** The entries a step of a run makes: `before` is the run before it (undefined when this step started it). */
export function scriptStepDrafts(w: Who, selection: ScriptSelection, before: ScriptRun | undefined, after: ScriptRun): HistoryDraft[] {
  const out: HistoryDraft[] = [];
  if (before === undefined) {
    out.push({ ...base(w, 'script.started'), details: { scriptId: after.scriptId, ruleId: selection.ruleId, offersAllowed: after.offersAllowed, stepId: after.stepId ?? 'end' } });
  } else {
    const left = before.path.at(-1);
    const answer = after.path.at(before.path.length - 1)?.answer;
    out.push({
      ...base(w, 'script.step'),
      details: { scriptId: after.scriptId, stepId: left?.stepId ?? '', ...(answer === undefined ? {} : { answer }), to: after.stepId ?? 'end' },
    });
  }
  if (after.done) out.push({ ...base(w, 'script.completed'), details: { scriptId: after.scriptId, path: after.path.map((p) => p.stepId), skipped: after.skipped } });
  return out;
}
