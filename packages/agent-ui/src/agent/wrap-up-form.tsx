import { useState } from 'preact/hooks';
import type { InteractionSummary } from '../shared/views.js';
import type { AgentDesktop, DesktopState } from './agent-desktop.js';
import type { WrapUpView } from './desk-view.js';
import { suggestedDispositions } from './dispositions.js';

/**
 * The wrap-up of an ended conversation: a disposition (free text, with what the page knows of
 * the queue's list suggested) and a note, with the wrap-up time left. Filing ends the wrap-up
 * early; a filing after the wrap-up time ran out is still recorded.
 */
export function WrapUpForm({ desktop, state, wrap, history }: { desktop: AgentDesktop; state: DesktopState; wrap: WrapUpView; history: readonly InteractionSummary[] }) {
  const c = wrap.contact;
  const [disposition, setDisposition] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const needs = state.wrapUpNeeds[c.id];
  const options = suggestedDispositions(c.queueId, state.learnedDispositions, history);
  const listId = `dispositions-${c.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    await desktop.fileWrapUp(c.id, { disposition, note });
    setBusy(false);
  };
  return (
    <form class="wrap-up" onSubmit={submit} aria-labelledby="wrap-up-title">
      <div class="row spread">
        <h3 id="wrap-up-title">Wrap-up</h3>
        {wrap.left !== undefined
          ? <span role="timer" aria-label={`${wrap.left.seconds} seconds of wrap-up left`} class="countdown">{wrap.left.label} left</span>
          : <span class="muted small">{wrap.held ? 'in wrap-up' : 'wrap-up time over: file it now'}</span>}
      </div>
      <label for="wrap-up-disposition">Disposition <span aria-hidden="true">*</span></label>
      <input id="wrap-up-disposition" list={listId} required maxLength={64} value={disposition} onInput={(e) => setDisposition(e.currentTarget.value)} />
      <datalist id={listId}>{options.map((o) => <option key={o} value={o} />)}</datalist>
      <div class="row wrap quick-picks" role="group" aria-label="Suggested dispositions">
        {options.slice(0, 6).map((o) => <button type="button" key={o} class="chip-button" aria-pressed={disposition === o} onClick={() => setDisposition(o)}>{o}</button>)}
      </div>
      <label for="wrap-up-note">Note{needs?.note === true ? <span aria-hidden="true"> *</span> : <span class="muted small"> (optional)</span>}</label>
      <textarea id="wrap-up-note" rows={3} maxLength={4000} required={needs?.note === true} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      <div class="row">
        <button type="submit" class="primary" disabled={busy}>File wrap-up</button>
        {!wrap.held && <button type="button" class="quiet" onClick={() => desktop.closeFiling(c.id)}>Close without filing</button>}
      </div>
    </form>
  );
}
