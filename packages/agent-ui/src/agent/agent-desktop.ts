import { Api, ApiError, type Fetch, type Session } from '../shared/api.js';
import type { StreamListener, StreamMessage } from '../shared/event-stream.js';
import type { ContactScript, Customer, Desk, DeskContact, InteractionSummary, Lead, ServiceEventMessage, ShiftCheck } from '../shared/views.js';
import type { ChosenSoftphone } from '../softphone/create-softphone.js';
import type { SipCredentials } from '../softphone/softphone.js';
import { DeskPhone, initialPhoneState, type PhoneState } from './desk-phone.js';
import { initialDeskState, needsDeskRefresh, reduceDesk, type DeskAction, type DeskState } from './desk-state.js';
import { dispositionsInMessage } from './dispositions.js';
import { buildTasks, doneTasksKey, type Task } from './tasks.js';

/** A customer as far as the page could read it: being read, read, or not ours to read (or gone). */
export type CustomerEntry = Customer | 'loading' | 'unreadable';

/** A message for the agent: what went wrong (the service's message and code), or what happened. */
export interface Notice {
  readonly kind: 'error' | 'info';
  readonly text: string;
}

/** Everything the desktop shows, besides the clock; the phone's part is {@link PhoneState}. */
export interface DesktopState extends PhoneState {
  readonly session: Session | undefined;
  readonly desk: DeskState;
  readonly softphoneKind: ChosenSoftphone['kind'];
  readonly customers: Readonly<Record<string, CustomerEntry>>;
  readonly history: Readonly<Record<string, readonly InteractionSummary[]>>;
  readonly scripts: Readonly<Record<string, ContactScript>>;
  /** The contact whose screen pop is shown, when the agent picked one. */
  readonly selected: string | undefined;
  readonly shiftCheck: ShiftCheck | undefined;
  readonly tasks: readonly Task[];
  readonly doneTasks: readonly string[];
  /** Contact id → what its queue requires in the wrap-up, as the end-of-shift check said. */
  readonly wrapUpNeeds: Readonly<Record<string, { readonly disposition: boolean; readonly note: boolean }>>;
  /** Queue id → dispositions the service named for it. */
  readonly learnedDispositions: Readonly<Record<string, readonly string[]>>;
  readonly notice: Notice | undefined;
}

/** What the desktop needs from the browser; tests pass fakes. */
export interface DesktopDeps {
  readonly softphone: ChosenSoftphone;
  readonly openStream: (api: Api, listener: StreamListener) => { close(): void };
  readonly base?: string;
  readonly fetcher?: Fetch;
  /** Browser time (ms). */
  readonly now?: () => number;
  /** Where ticked-off tasks are kept (`localStorage`). */
  readonly storage?: Pick<Storage, 'getItem' | 'setItem'>;
}

const initialState = (kind: ChosenSoftphone['kind']): DesktopState => ({
  ...initialPhoneState, session: undefined, desk: initialDeskState, softphoneKind: kind,
  customers: {}, history: {}, scripts: {}, selected: undefined, shiftCheck: undefined,
  tasks: [], doneTasks: [], wrapUpNeeds: {}, learnedDispositions: {}, notice: undefined,
});

const describe = (e: unknown): string => (e instanceof ApiError ? `${e.message} (${e.code})` : e instanceof Error ? e.message : String(e));
const enc = encodeURIComponent;

/**
 * The agent desktop's logic, without a DOM: logs in, follows the desk over the event stream,
 * acts on offers, conversations and wrap-ups through the API, and drives the softphone —
 * an accepted offer answers its ringing call (or the call when it arrives); a call that ends
 * completes its contact, which starts wrap-up. The page renders {@link state} and calls the
 * methods; every failure becomes a {@link Notice} with the service's message.
 *
 * @example
 * ```ts
 * const desktop = new AgentDesktop({ softphone: await createSoftphone(location.search), openStream: openEventStream });
 * desktop.subscribe(() => render(desktop.state));
 * await desktop.login('agent05', 'agent-demo');
 * await desktop.setPresence('ready');
 * ```
 */
export class AgentDesktop {
  private current: DesktopState;
  private readonly listeners = new Set<() => void>();
  private api: Api | undefined;
  private stream: { close(): void } | undefined;
  private refreshing: Promise<void> | undefined;
  private refreshAgain = false;
  /** The softphone on the desk: registration, calls linked to contacts, transfers. */
  readonly phone: DeskPhone;
  /** Filings whose requirements were asked for. */
  private readonly needsAsked = new Set<string>();
  private readonly now: () => number;

  constructor(private readonly deps: DesktopDeps) {
    this.current = initialState(deps.softphone.kind);
    this.now = deps.now ?? Date.now;
    this.phone = new DeskPhone(deps.softphone, {
      contacts: () => this.current.desk.contacts,
      active: () => this.api !== undefined,
      conversationEnded: (contactId) => void this.completeContact(contactId),
      changed: (phone) => this.set(phone),
    });
  }

  get state(): DesktopState {
    return this.current;
  }

  subscribe(f: () => void): () => void {
    this.listeners.add(f);
    return () => this.listeners.delete(f);
  }

  private set(patch: Partial<DesktopState>): void {
    this.current = { ...this.current, ...patch };
    for (const f of this.listeners) f();
  }

  private dispatch(a: DeskAction): void {
    this.set({ desk: reduceDesk(this.current.desk, a) });
    this.afterDeskChange();
  }

  private fail(e: unknown): void {
    this.set({ notice: { kind: 'error', text: describe(e) } });
  }

  /** Runs an action; a failure becomes the notice. Resolves to whether it succeeded. */
  private async attempt(f: () => Promise<void>): Promise<boolean> {
    try {
      await f();
      return true;
    } catch (e) {
      this.fail(e);
      return false;
    }
  }

  private get client(): Api {
    if (this.api === undefined) throw new Error('not logged in');
    return this.api;
  }

  dismissNotice(): void {
    this.set({ notice: undefined });
  }

  // ── session ────────────────────────────────────────────────────────────────

  /** Logs in (agents only), logs the agent in to its queues if it was logged out, opens the stream and registers the phone. */
  async login(user: string, password: string): Promise<boolean> {
    return this.attempt(async () => {
      const session = await Api.login(user, password, this.deps.base ?? '', this.deps.fetcher);
      if (session.role !== 'agent' || session.agentId === undefined) throw new Error(`'${session.user}' is a ${session.role}, not an agent: the supervisor console is at /supervisor`);
      await this.start(session);
    });
  }

  /** Continues a session kept by the page (a reload). */
  async resume(session: Session): Promise<boolean> {
    return this.attempt(() => this.start(session));
  }

  private async start(session: Session): Promise<void> {
    this.api = new Api(session, this.deps.base ?? '', this.deps.fetcher);
    try {
      await this.open(session);
    } catch (e) {
      this.stream?.close();
      this.stream = undefined;
      this.api = undefined;
      throw e;
    }
  }

  private async open(session: Session): Promise<void> {
    const desk = await this.client.get<Desk>('/v1/me/desk');
    if (desk.agent.presence === 'offline') await this.client.put('/v1/me/presence', { state: 'loggedIn' });
    this.set({ session, notice: undefined, doneTasks: this.loadDoneTasks(session.agentId ?? '') });
    void this.sampleClock();
    this.stream = this.deps.openStream(this.client, { message: (m) => this.onMessage(m), state: (s) => this.dispatch({ type: 'stream.state', state: s }) });
    await this.refreshDesk();
    void this.phone.register(session.agentId ?? session.user, () => this.client.get<SipCredentials>('/v1/me/sip'));
    void this.refreshTasks();
  }

  /** Logs out of the queues and ends the session; the service refuses while wrap-ups are missing, and the check is shown. */
  async logout(): Promise<boolean> {
    const ok = await this.attempt(async () => {
      await this.client.put('/v1/me/presence', { state: 'loggedOut' });
    });
    if (!ok) {
      await this.checkShift();
      return false;
    }
    this.end();
    return true;
  }

  /** Closes the stream and the phone, and forgets the session (the agent stays as the service has it). */
  end(): void {
    this.stream?.close();
    this.stream = undefined;
    this.phone.end();
    this.api = undefined;
    this.current = { ...initialState(this.deps.softphone.kind), learnedDispositions: this.current.learnedDispositions };
    this.dispatch({ type: 'logged.out' });
  }

  /** Reads the router's clock from a `Date` header, so countdowns hold when the browser's clock is off. */
  private async sampleClock(): Promise<void> {
    try {
      const fetcher = this.deps.fetcher ?? ((u: string, i: RequestInit) => fetch(u, i));
      const res = await fetcher(`${this.deps.base ?? ''}/livez`, { method: 'GET' });
      const date = Date.parse(res.headers.get('date') ?? '');
      if (!Number.isNaN(date)) this.dispatch({ type: 'clock.sampled', serverAt: date, localNow: this.now() });
    } catch {
      // no sample: the events' times will do
    }
  }

  // ── the desk ───────────────────────────────────────────────────────────────

  private onMessage(m: StreamMessage): void {
    if (m.type === 'snapshot') {
      const desk = (m.data as { desk?: Desk }).desk;
      if (desk !== undefined) this.dispatch({ type: 'desk.loaded', desk });
      return;
    }
    const e = m.event as ServiceEventMessage;
    this.dispatch({ type: 'event', event: e, receivedAt: this.now() });
    if (needsDeskRefresh(e)) void this.refreshDesk();
    if (e.type.startsWith('lead.')) void this.refreshTasks();
  }

  /** Fetches the desk; calls while one is in flight make one more fetch after it. */
  refreshDesk(): Promise<void> {
    if (this.refreshing !== undefined) {
      this.refreshAgain = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      do {
        this.refreshAgain = false;
        try {
          const desk = await this.client.get<Desk>('/v1/me/desk');
          this.dispatch({ type: 'desk.loaded', desk });
        } catch (e) {
          if (this.api !== undefined) this.fail(e);
        }
      } while (this.refreshAgain && this.api !== undefined);
    })().finally(() => { this.refreshing = undefined; });
    return this.refreshing;
  }

  /** What follows a change of the desk: the demo PBX rings, calls are linked, screen pops are read. */
  private afterDeskChange(): void {
    const contacts = this.current.desk.contacts;
    this.phone.deskChanged();
    for (const c of contacts) this.loadScreenPop(c);
    if (Object.keys(this.current.desk.filings).some((id) => !this.needsAsked.has(id))) void this.loadWrapUpNeeds();
    const selected = this.current.selected;
    if (selected !== undefined && !contacts.some((c) => c.id === selected) && this.current.desk.filings[selected] === undefined) this.set({ selected: undefined });
  }

  /** Shows the screen pop of a contact on the desk. */
  select(contactId: string | undefined): void {
    this.set({ selected: contactId });
  }

  private loadScreenPop(c: DeskContact): void {
    const customerId = c.attributes.customerId;
    if (customerId !== undefined && !(customerId in this.current.customers)) {
      this.set({ customers: { ...this.current.customers, [customerId]: 'loading' } }); // asked once
      void this.loadCustomer(customerId);
    }
    if (c.script !== undefined && this.current.scripts[c.id] === undefined && c.state !== 'completed') void this.loadScript(c.id);
  }

  private async loadCustomer(id: string): Promise<void> {
    const api = this.api;
    if (api === undefined) return;
    const [customer, history] = await Promise.allSettled([
      api.get<Customer>(`/v1/customers/${enc(id)}`),
      api.get<InteractionSummary[]>(`/v1/customers/${enc(id)}/interactions?limit=6`),
    ]);
    this.set({ customers: { ...this.current.customers, [id]: customer.status === 'fulfilled' ? customer.value : 'unreadable' } });
    if (history.status === 'fulfilled') this.set({ history: { ...this.current.history, [id]: history.value } });
  }

  private async loadScript(contactId: string): Promise<void> {
    this.set({ scripts: { ...this.current.scripts, [contactId]: PENDING_SCRIPT } });
    try {
      const s = await this.client.get<ContactScript>(`/v1/contacts/${enc(contactId)}/script`);
      this.set({ scripts: { ...this.current.scripts, [contactId]: s } });
    } catch {
      // no script for this contact (or no longer ours): the pop shows the desk's selection only
    }
  }

  // ── presence, offers, conversations ───────────────────────────────────────

  async setPresence(state: 'loggedIn' | 'ready' | 'notReady', reason?: string): Promise<boolean> {
    return this.attempt(async () => {
      await this.client.put('/v1/me/presence', state === 'notReady' && reason !== undefined ? { state, reason } : { state });
      this.set({ notice: undefined });
      await this.refreshDesk();
    });
  }

  /** Answers the offer with its fencing token, then the phone: the ringing call, or the call when it rings. */
  async accept(contactId: string): Promise<boolean> {
    const c = this.current.desk.contacts.find((x) => x.id === contactId);
    const token = c?.reservation?.token;
    if (token === undefined) {
      this.fail(new Error(`contact '${contactId}' has no offer to accept`));
      return false;
    }
    return this.attempt(async () => {
      await this.client.post(`/v1/me/offers/${enc(contactId)}/accept`, { token });
      this.set({ selected: contactId, notice: undefined });
      if (c !== undefined) this.phone.accepted(c);
      await this.refreshDesk();
    });
  }

  /** Declines the offer (it goes to someone else) and the ringing call. */
  async reject(contactId: string): Promise<boolean> {
    const c = this.current.desk.contacts.find((x) => x.id === contactId);
    const token = c?.reservation?.token;
    if (token === undefined) return false;
    return this.attempt(async () => {
      await this.client.post(`/v1/me/offers/${enc(contactId)}/reject`, { token });
      this.phone.rejected(contactId);
      await this.refreshDesk();
    });
  }

  /**
   * Ends a conversation: a call is hung up (its end completes the contact), a chat or a call
   * without a phone call is completed at once. Wrap-up starts either way.
   */
  async complete(contactId: string): Promise<boolean> {
    if (this.phone.hangUpContact(contactId)) return true; // the call's end completes it
    return this.completeContact(contactId);
  }

  private async completeContact(contactId: string): Promise<boolean> {
    return this.attempt(async () => {
      try {
        await this.client.post(`/v1/contacts/${enc(contactId)}/complete`);
      } catch (e) {
        // The PBX may have completed it first when the call ended there.
        if (!(e instanceof ApiError && e.code === 'CONTACT_STATE_INVALID')) throw e;
      }
      await this.refreshDesk();
    });
  }

  /** Steps the contact's script: starts it, goes past a statement, or gives the customer's answer. */
  async stepScript(contactId: string, answer?: string): Promise<boolean> {
    return this.attempt(async () => {
      const s = await this.client.post<ContactScript>(`/v1/contacts/${enc(contactId)}/script`, answer === undefined ? {} : { answer });
      this.set({ scripts: { ...this.current.scripts, [contactId]: s } });
    });
  }

  // ── wrap-up ────────────────────────────────────────────────────────────────

  /**
   * Files the wrap-up (disposition, note) and, while the contact is still in wrap-up, ends it
   * early so the agent is offered the next contact. A refusal naming the queue's dispositions
   * teaches the form what to suggest.
   */
  async fileWrapUp(contactId: string, filing: { disposition?: string; note?: string }): Promise<boolean> {
    const body = Object.fromEntries(Object.entries(filing).map(([k, v]) => [k, v?.trim()]).filter(([, v]) => v !== undefined && v !== ''));
    const contact = this.current.desk.filings[contactId]?.contact ?? this.current.desk.contacts.find((c) => c.id === contactId);
    const ok = await this.attempt(async () => {
      try {
        await this.client.post(`/v1/me/wrap-ups/${enc(contactId)}`, body);
      } catch (e) {
        if (e instanceof ApiError && contact !== undefined) this.learnDispositions(contact.queueId, e.message);
        throw e;
      }
      const held = this.current.desk.contacts.some((c) => c.id === contactId && c.state === 'completed');
      if (held) await this.finishWrapUp(contactId);
      this.dispatch({ type: 'filing.closed', contactId });
      this.set({ notice: { kind: 'info', text: `Wrap-up filed for ${contactId}.` } });
    });
    if (ok && this.current.shiftCheck !== undefined) await this.checkShift();
    return ok;
  }

  private async finishWrapUp(contactId: string): Promise<void> {
    try {
      await this.client.post(`/v1/me/wrap-ups/${enc(contactId)}/finish`);
    } catch (e) {
      // Its wrap-up time may have run out meanwhile: nothing left to finish.
      if (!(e instanceof ApiError && (e.code === 'CONTACT_STATE_INVALID' || e.code === 'ASSIGNMENT_UNKNOWN'))) throw e;
    }
    await this.refreshDesk();
  }

  private learnDispositions(queueId: string, message: string): void {
    const found = dispositionsInMessage(message);
    if (found.length > 0) this.set({ learnedDispositions: { ...this.current.learnedDispositions, [queueId]: found } });
  }

  /** Closes a late wrap-up form without filing (the end-of-shift check still lists it if the queue requires one). */
  closeFiling(contactId: string): void {
    this.dispatch({ type: 'filing.closed', contactId });
  }

  /** Asks what the queues of new filings require (the check lists contacts held in wrap-up too). */
  private async loadWrapUpNeeds(): Promise<void> {
    const api = this.api;
    if (api === undefined) return;
    for (const id of Object.keys(this.current.desk.filings)) this.needsAsked.add(id);
    try {
      const check = await api.get<ShiftCheck>('/v1/me/wrap-ups/missing');
      const needs = { ...this.current.wrapUpNeeds };
      for (const m of check.missing) needs[m.contactId] = m.needs;
      this.set({ wrapUpNeeds: needs });
    } catch {
      // the form still works: the service says what is missing when it refuses
    }
  }

  /** Opens the wrap-up form of a contact the end-of-shift check lists, and shows it. */
  async reopenFiling(contactId: string, queueId: string): Promise<void> {
    const missing = this.current.shiftCheck?.missing.find((m) => m.contactId === contactId);
    let contact: DeskContact;
    try {
      contact = await this.client.get<DeskContact>(`/v1/contacts/${enc(contactId)}`);
    } catch {
      contact = { id: contactId, state: 'completed', queueId, channel: 'unknown', createdAt: missing?.answeredAt ?? 0, callback: false, attributes: {} };
    }
    if (missing !== undefined) this.set({ wrapUpNeeds: { ...this.current.wrapUpNeeds, [contactId]: missing.needs } });
    this.dispatch({ type: 'filing.opened', contact, endedAt: contact.endedAt ?? missing?.answeredAt ?? 0 });
    this.set({ selected: contactId });
  }

  /** The end-of-shift check: contacts of this shift still lacking their required wrap-up. */
  async checkShift(): Promise<void> {
    try {
      this.set({ shiftCheck: await this.client.get<ShiftCheck>('/v1/me/wrap-ups/missing') });
    } catch (e) {
      this.fail(e);
    }
  }

  // ── tasks ──────────────────────────────────────────────────────────────────

  /** Rebuilds the task list: the agent's scheduled callbacks and those on its desk, its customers to chase, its leads. */
  async refreshTasks(): Promise<void> {
    const api = this.api;
    const agentId = this.current.session?.agentId;
    if (api === undefined || agentId === undefined) return;
    const [customers, leads, scheduled] = await Promise.all([
      api.get<Customer[]>('/v1/customers').catch(() => [] as Customer[]),
      api.get<Lead[]>('/v1/leads?limit=100').catch(() => [] as Lead[]),
      api.get<DeskContact[]>('/v1/me/callbacks').catch(() => [] as DeskContact[]),
    ]);
    this.set({ tasks: buildTasks({ agentId, customers, leads, contacts: this.current.desk.contacts, scheduled }) });
  }

  /** Ticks a task off (or on again) for today. */
  toggleTask(taskId: string): void {
    const agentId = this.current.session?.agentId ?? '';
    const done = this.current.doneTasks.includes(taskId) ? this.current.doneTasks.filter((t) => t !== taskId) : [...this.current.doneTasks, taskId];
    this.deps.storage?.setItem(doneTasksKey(agentId, new Date(this.now())), JSON.stringify(done));
    this.set({ doneTasks: done });
  }

  private loadDoneTasks(agentId: string): string[] {
    try {
      const raw = this.deps.storage?.getItem(doneTasksKey(agentId, new Date(this.now())));
      const v: unknown = raw == null ? [] : JSON.parse(raw);
      return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
    } catch {
      return [];
    }
  }
}

/** Marks a script being read, so it is asked for once. */
const PENDING_SCRIPT = { selection: { scriptId: '', ruleId: '', offersAllowed: false }, script: { id: '', title: '', start: '', steps: {} } } as const satisfies ContactScript;

/** Whether a script entry is still being read. */
export const isPendingScript = (s: ContactScript | undefined): boolean => s === PENDING_SCRIPT;
