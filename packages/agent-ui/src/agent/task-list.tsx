import type { AgentDesktop, DesktopState } from './agent-desktop.js';
import { TASK_KIND_LABELS } from './tasks.js';

/** Today's callbacks, collections, retention calls and leads, each with click-to-call. */
export function TaskList({ desktop, state }: { desktop: AgentDesktop; state: DesktopState }) {
  const canCall = state.registration === 'registered';
  return (
    <section class="card tasks" aria-labelledby="tasks-title">
      <div class="row spread">
        <h2 id="tasks-title">Today's tasks</h2>
        <button type="button" class="link" onClick={() => void desktop.refreshTasks()}>Refresh</button>
      </div>
      {state.tasks.length === 0 ? <p class="muted">No callbacks, collections or leads for you today.</p> : (
        <ul class="plain task-list">
          {state.tasks.map((t) => {
            const done = state.doneTasks.includes(t.id);
            const checkId = `task-done-${t.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
            return (
              <li key={t.id} class={done ? 'task done' : 'task'}>
                <div class="row spread">
                  <span class={`chip kind-${t.kind}`}>{TASK_KIND_LABELS[t.kind]}</span>
                  <span>
                    <input type="checkbox" id={checkId} checked={done} onChange={() => desktop.toggleTask(t.id)} />
                    <label for={checkId} class="small"> done</label>
                  </span>
                </div>
                <strong>{t.title}</strong>
                <div class="muted small">{t.detail}</div>
                {t.number !== undefined && (
                  <button type="button" class="small-button" disabled={!canCall} onClick={() => desktop.phone.dial(t.number as string)} aria-label={`Call ${t.title} at ${t.number}`}>
                    Call {t.number}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
