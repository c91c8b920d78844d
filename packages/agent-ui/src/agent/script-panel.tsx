import type { ContactScript, DeskContact } from '../shared/views.js';
import { isPendingScript, type AgentDesktop } from './agent-desktop.js';
import { scriptStepView } from './script-view.js';

/** The script selected for the contact; once the contact is answered, the agent steps through it. */
export function ScriptPanel({ desktop, contact, script }: { desktop: AgentDesktop; contact: DeskContact; script: ContactScript | undefined }) {
  const title = contact.script?.title ?? (script !== undefined && !isPendingScript(script) ? script.script.title : undefined);
  if (title === undefined) return <section class="pop-section"><h3>Script</h3><p class="muted">No script for this contact.</p></section>;
  const view = script === undefined || isPendingScript(script) ? undefined : scriptStepView(script);
  const active = contact.state === 'active';
  return (
    <section aria-labelledby="script-title" class="pop-section script">
      <h3 id="script-title">Script: <span data-testid="script-title">{title}</span></h3>
      {view === undefined ? <p class="muted">Loading the script…</p> : (
        <>
          {view.said.length > 0 && <ol class="said">{view.said.map((s, i) => <li key={i}>{s}</li>)}</ol>}
          {view.done ? <p><strong>Script complete.</strong></p> : (
            <div class="step">
              {view.phase !== undefined && <span class="chip">{view.phase}</span>}
              <p class="say">{view.say}</p>
              {!view.started && (active
                ? <button type="button" class="primary" onClick={() => void desktop.stepScript(contact.id)}>Start script</button>
                : <p class="muted small">{contact.state === 'reserved' ? 'Accept the offer to start the script.' : 'The conversation has ended.'}</p>)}
              {view.started && active && (
                <div class="row wrap" role="group" aria-label="Customer's answer">
                  {view.answers.map((a) => <button type="button" key={a.id} onClick={() => void desktop.stepScript(contact.id, a.id)}>{a.label}</button>)}
                  {view.canContinue && <button type="button" class="primary" onClick={() => void desktop.stepScript(contact.id)}>{view.closing ? 'Finish script' : 'Next'}</button>}
                </div>
              )}
            </div>
          )}
          {view.skippedOffers > 0 && <p class="muted small">{view.skippedOffers} offer step(s) skipped: no offers for this contact.</p>}
        </>
      )}
    </section>
  );
}
