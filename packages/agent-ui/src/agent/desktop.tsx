import type { AgentDesktop, DesktopState } from './agent-desktop.js';
import { useNow } from './app.js';
import { ContactList } from './contact-list.js';
import { deskView, type DeskView } from './desk-view.js';
import { NoticeBar } from './notice-bar.js';
import { PhonePanel } from './phone-panel.js';
import { ScreenPopPanel } from './screen-pop-panel.js';
import { ShiftCheckPanel } from './shift-check-panel.js';
import { StateBar } from './state-bar.js';
import { TaskList } from './task-list.js';

/** The contact whose screen pop shows: the agent's pick, else the newest offer, else a conversation, else a wrap-up. */
function shownContact(state: DesktopState, view: DeskView): string | undefined {
  if (state.selected !== undefined) return state.selected;
  return view.offers.at(-1)?.contact.id ?? view.conversations[0]?.contact.id ?? view.wrapUps[0]?.contact.id;
}

/** The desk once logged in: state bar on top; contacts and phone, screen pop, tasks below. */
export function Desktop({ desktop, state }: { desktop: AgentDesktop; state: DesktopState }) {
  const now = useNow();
  const view = deskView(state.desk, now);
  const shown = shownContact(state, view);
  return (
    <div class="desktop">
      <StateBar desktop={desktop} state={state} view={view} />
      <NoticeBar notice={state.notice} onDismiss={() => desktop.dismissNotice()} />
      <div class="columns">
        <div class="column column-left">
          <ContactList desktop={desktop} state={state} view={view} shown={shown} />
          <PhonePanel phone={desktop.phone} state={state} />
        </div>
        <main class="column column-main" aria-label="Screen pop">
          <ScreenPopPanel desktop={desktop} state={state} view={view} contactId={shown} />
        </main>
        <div class="column column-right">
          <TaskList desktop={desktop} state={state} />
          <ShiftCheckPanel desktop={desktop} state={state} />
        </div>
      </div>
    </div>
  );
}
