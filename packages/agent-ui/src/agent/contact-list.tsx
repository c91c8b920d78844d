import type { DeskContact } from '../shared/views.js';
import type { AgentDesktop, DesktopState } from './agent-desktop.js';
import { callOf } from './call-link.js';
import type { DeskView } from './desk-view.js';

/** Who a contact is, in one line: the customer's name once read, else the caller. */
export function contactTitle(state: DesktopState, c: DeskContact): string {
  const id = c.attributes.customerId;
  const cu = id === undefined ? undefined : state.customers[id];
  if (cu !== undefined && typeof cu === 'object') return cu.name;
  return c.attributes.caller ?? c.id;
}

const CHANNEL_LABELS: Readonly<Record<string, string>> = { voice: 'Call', chat: 'Chat', email: 'E-mail', callback: 'Callback', video: 'Video' };
const channelLabel = (c: DeskContact): string => (c.callback ? 'Callback' : CHANNEL_LABELS[c.channel] ?? c.channel);

function Pick({ desktop, c, title, shown }: { desktop: AgentDesktop; c: DeskContact; title: string; shown: boolean }) {
  return (
    <button type="button" class="link contact-pick" aria-pressed={shown} onClick={() => desktop.select(c.id)}>
      <span class="chip">{channelLabel(c)}</span> {title}
    </button>
  );
}

/** The contacts the agent holds: offers ringing, conversations (several chats at once), wrap-ups. */
export function ContactList({ desktop, state, view, shown }: { desktop: AgentDesktop; state: DesktopState; view: DeskView; shown: string | undefined }) {
  return (
    <section class="card contacts" aria-labelledby="contacts-title">
      <h2 id="contacts-title">Contacts</h2>
      {/* Announces each offer once as it arrives; the countdowns below are not read out every second. */}
      <p class="sr-only" aria-live="assertive">{view.offers.map((o) => `New ${channelLabel(o.contact).toLowerCase()} offer: ${contactTitle(state, o.contact)}.`).join(' ')}</p>
      <div class="offers">
        {view.offers.map((o) => {
          const title = contactTitle(state, o.contact);
          return (
            <article key={o.contact.id} class="offer" aria-label={`Offer: ${title}`}>
              <Pick desktop={desktop} c={o.contact} title={title} shown={shown === o.contact.id} />
              <div class="muted small">queue {o.contact.queueId}</div>
              <div role="timer" aria-label={`Rings for ${o.ring.seconds} more seconds`} class="ring">
                <span aria-hidden="true">Ringing · {o.ring.label}</span>
                <progress max={1} value={o.ring.fraction ?? 1} aria-hidden="true" />
              </div>
              <div class="row">
                <button type="button" class="go" onClick={() => void desktop.accept(o.contact.id)}>Accept</button>
                <button type="button" class="stop" onClick={() => void desktop.reject(o.contact.id)}>Reject</button>
              </div>
            </article>
          );
        })}
      </div>
      {view.conversations.length > 0 && <h3>In conversation</h3>}
      <ul class="plain">
        {view.conversations.map((v) => {
          const call = callOf(state.links, state.calls, v.contact.id);
          return (
            <li key={v.contact.id} class="conversation">
              <Pick desktop={desktop} c={v.contact} title={contactTitle(state, v.contact)} shown={shown === v.contact.id} />
              <span class="muted small"> {v.talkTime}{call !== undefined ? ` · phone ${call.state}` : ''}</span>
              <button type="button" class="stop small-button" onClick={() => void desktop.complete(v.contact.id)}>
                {v.contact.channel === 'chat' ? 'End chat' : call !== undefined ? 'Hang up' : 'Complete'}
              </button>
            </li>
          );
        })}
      </ul>
      {view.wrapUps.length > 0 && <h3>Wrap-up</h3>}
      <ul class="plain">
        {view.wrapUps.map((w) => (
          <li key={w.contact.id}>
            <Pick desktop={desktop} c={w.contact} title={contactTitle(state, w.contact)} shown={shown === w.contact.id} />
            <span class="muted small"> {w.left !== undefined ? <span role="timer">{w.left.label} left</span> : w.held ? 'in wrap-up' : 'to file'}</span>
          </li>
        ))}
      </ul>
      {view.offers.length + view.conversations.length + view.wrapUps.length === 0 && <p class="muted">No contacts. Go ready to receive offers.</p>}
    </section>
  );
}
