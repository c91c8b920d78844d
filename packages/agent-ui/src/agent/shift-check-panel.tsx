import type { AgentDesktop, DesktopState } from './agent-desktop.js';

/** The end-of-shift check: which contacts still lack their required wrap-up (logging out is refused until none). */
export function ShiftCheckPanel({ desktop, state }: { desktop: AgentDesktop; state: DesktopState }) {
  const check = state.shiftCheck;
  return (
    <section class="card shift" aria-labelledby="shift-title">
      <div class="row spread">
        <h2 id="shift-title">End of shift</h2>
        <button type="button" class="link" onClick={() => void desktop.checkShift()}>Check wrap-ups</button>
      </div>
      {check === undefined ? <p class="muted small">Check for missing wrap-ups before logging out.</p>
        : check.missing.length === 0 ? <p data-testid="shift-ok">All wrap-ups filed.</p> : (
          <>
            <p><strong>{check.missing.length}</strong> contact(s) lack their wrap-up:</p>
            <ul class="plain missing">
              {check.missing.map((m) => (
                <li key={m.contactId}>
                  <button type="button" class="link" onClick={() => void desktop.reopenFiling(m.contactId, m.queueId)}>{m.contactId}</button>
                  <span class="muted small"> queue {m.queueId}, needs {[m.needs.disposition ? 'disposition' : '', m.needs.note ? 'note' : ''].filter(Boolean).join(' and ')}</span>
                </li>
              ))}
            </ul>
          </>
        )}
    </section>
  );
}
