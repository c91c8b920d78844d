import { Fragment } from 'preact';
import type { DeskContact } from '../shared/views.js';
import type { AgentDesktop, DesktopState } from './agent-desktop.js';
import type { DeskView } from './desk-view.js';
import { assembleScreenPop, humanize, routedByLabel, type ScreenPop } from './screen-pop.js';
import { ScriptPanel } from './script-panel.js';
import { WrapUpForm } from './wrap-up-form.js';

const when = (ms: number | undefined): string => (ms === undefined ? '—' : new Date(ms).toLocaleString([], { dateStyle: 'short', timeStyle: 'short' }));

function Who({ pop, tier }: { pop: ScreenPop; tier: string | undefined }) {
  const cu = pop.customer;
  return (
    <div class="who-block">
      <h2 id="pop-title" class="pop-name">{cu?.name ?? (pop.customerUnreadable ? 'Customer (not yours to read)' : pop.caller ?? 'Unknown caller')}</h2>
      <div class="row wrap">
        {tier !== undefined && <span class={`badge tier tier-${tier}`} data-testid="value-tier">{tier}</span>}
        {cu?.segment !== undefined && <span class="badge">segment: {cu.segment}</span>}
        {cu?.valueScore !== undefined && <span class="badge">score {cu.valueScore}</span>}
        <span class="badge">{humanize(pop.channel)} · queue {pop.queueId}</span>
      </div>
      {cu !== undefined && (
        <dl class="facts">
          <dt>Numbers</dt><dd>{cu.numbers.join(', ')}</dd>
          <dt>Account owner</dt><dd>{cu.owner ?? '—'}{cu.substitutes.length > 0 ? ` (substitutes: ${cu.substitutes.join(', ')})` : ''}</dd>
          {cu.accounts.length > 0 && <><dt>Accounts</dt><dd>{cu.accounts.join(', ')}</dd></>}
          {pop.caller !== undefined && <><dt>Calling from</dt><dd>{pop.caller}</dd></>}
        </dl>
      )}
    </div>
  );
}

function Why({ pop }: { pop: ScreenPop }) {
  const w = pop.why;
  return (
    <section aria-labelledby="why-title" class="pop-section">
      <h3 id="why-title">Why</h3>
      <dl class="facts">
        <dt>Reason</dt><dd>{w.reason === undefined ? 'not given' : humanize(w.reason)}</dd>
        <dt>Routed by</dt><dd>{routedByLabel(w.routedBy) ?? '—'}</dd>
        {w.routing.map(([k, v]) => <Fragment key={`r-${k}`}><dt>{k}</dt><dd>{v}</dd></Fragment>)}
        {w.ivr.map(([k, v]) => <Fragment key={`i-${k}`}><dt>{k} <span class="muted small">(IVR)</span></dt><dd>{v}</dd></Fragment>)}
      </dl>
    </section>
  );
}

function History({ pop }: { pop: ScreenPop }) {
  return (
    <section aria-labelledby="history-title" class="pop-section">
      <h3 id="history-title">Recent history</h3>
      {pop.history.length === 0 ? <p class="muted">No earlier interactions.</p> : (
        <table class="history">
          <thead><tr><th scope="col">When</th><th scope="col">Channel</th><th scope="col">Queue</th><th scope="col">Outcome</th><th scope="col">Disposition</th></tr></thead>
          <tbody>{pop.history.map((h) => <tr key={h.id}><td>{when(h.startedAt)}</td><td>{h.channel}</td><td>{h.queues}</td><td>{h.outcome}</td><td>{h.dispositions || '—'}</td></tr>)}</tbody>
        </table>
      )}
    </section>
  );
}

function Offers({ pop }: { pop: ScreenPop }) {
  if (pop.offers.length === 0 && pop.offersHiddenBecause === undefined) return null;
  return (
    <section aria-labelledby="offers-title" class="pop-section">
      <h3 id="offers-title">Cross-sell</h3>
      {pop.offersHiddenBecause !== undefined ? <p class="muted">{pop.offersHiddenBecause}</p> : <ul>{pop.offers.map((o) => <li key={o}>{o}</li>)}</ul>}
    </section>
  );
}

function findContact(state: DesktopState, id: string): DeskContact | undefined {
  return state.desk.contacts.find((c) => c.id === id) ?? state.desk.filings[id]?.contact;
}

/** The screen pop of the shown contact: who, why, flags, script, offers, history, and its wrap-up form once it ended. */
export function ScreenPopPanel({ desktop, state, view, contactId }: { desktop: AgentDesktop; state: DesktopState; view: DeskView; contactId: string | undefined }) {
  const contact = contactId === undefined ? undefined : findContact(state, contactId);
  if (contact === undefined) {
    return <section class="card empty-pop"><h2>No contact</h2><p class="muted">The screen pop opens when an offer arrives.</p></section>;
  }
  const cid = contact.attributes.customerId;
  const entry = cid === undefined ? undefined : state.customers[cid];
  const customer = typeof entry === 'object' ? entry : undefined;
  const history = cid === undefined ? undefined : state.history[cid];
  const pop = assembleScreenPop({ contact, customer, customerUnreadable: entry === 'unreadable', history, script: state.scripts[contact.id] });
  const wrap = view.wrapUps.find((w) => w.contact.id === contact.id);
  return (
    <section class="card pop" aria-labelledby="pop-title" data-testid="screen-pop">
      <Who pop={pop} tier={pop.customer?.valueTier ?? contact.attributes.valueTier} />
      {pop.flags.length > 0 && (
        <ul class="flags" aria-label="Flags">{pop.flags.map((f) => <li key={f.id} class={`flag flag-${f.id}`}>{f.label}</li>)}</ul>
      )}
      {wrap !== undefined && <WrapUpForm key={wrap.contact.id} desktop={desktop} state={state} wrap={wrap} history={history ?? []} />}
      <div class="pop-grid">
        <div>
          <Why pop={pop} />
          <Offers pop={pop} />
        </div>
        <ScriptPanel desktop={desktop} contact={contact} script={state.scripts[contact.id]} />
      </div>
      <History pop={pop} />
    </section>
  );
}
