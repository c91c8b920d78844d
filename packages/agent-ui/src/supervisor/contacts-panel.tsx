import { useEffect, useState } from 'preact/hooks';
import type { Api } from '../shared/api.js';
import { formatDuration } from './format.js';
import { TracePanel } from './trace-panel.js';
import type { ContactView } from './types.js';

export interface ContactsPanelProps {
  readonly api: Api;
  /** Queues the supervisor may move contacts between. */
  readonly queueIds: readonly string[];
  readonly myAgents: ReadonlySet<string>;
  /** Changes with every event of the stream: the list is read again (debounced). */
  readonly eventCount: number;
  readonly now: () => number;
  readonly announce: (message: string) => void;
  readonly fail: (e: unknown) => void;
}

function MoveControl({ c, queueIds, move }: { c: ContactView; queueIds: readonly string[]; move: (c: ContactView, to: string) => Promise<void> }) {
  const others = queueIds.filter((q) => q !== c.queueId);
  const [to, setTo] = useState(others[0] ?? '');
  if (c.state !== 'queued' || others.length === 0) return null;
  return (
    <span class="move">
      <select aria-label={`Move ${c.id} to queue`} value={to} onChange={(e) => setTo(e.currentTarget.value)}>{others.map((q) => <option key={q} value={q}>{q}</option>)}</select>
      <button type="button" onClick={() => void move(c, to)}>Move</button>
    </span>
  );
}

/** Contacts of the supervisor's queues: move a waiting one to another queue, open any one's decision trace. */
export function ContactsPanel(p: ContactsPanelProps) {
  const [contacts, setContacts] = useState<readonly ContactView[]>();
  const [traceId, setTraceId] = useState<string>();
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let live = true;
    const h = window.setTimeout(() => {
      p.api.get<ContactView[]>('/v1/contacts').then((c) => { if (live) setContacts(c); }, p.fail);
    }, version === 0 ? 0 : 300);
    return () => { live = false; window.clearTimeout(h); };
  }, [p.eventCount, version]);

  const move = async (c: ContactView, to: string) => {
    try {
      await p.api.post(`/v1/contacts/${encodeURIComponent(c.id)}/move`, { queueId: to });
      p.announce(`Moved ${c.id} from ${c.queueId} to ${to}`);
    } catch (e) {
      p.fail(e);
    }
    setVersion((v) => v + 1);
  };

  const now = p.now();
  return (
    <div class="contacts-layout">
      <section aria-labelledby="contacts-h">
        <div class="section-head">
          <h2 id="contacts-h">Contacts of my queues</h2>
          <button type="button" onClick={() => setVersion((v) => v + 1)}>Refresh</button>
        </div>
        {contacts === undefined ? <p class="muted">Loading…</p> : contacts.length === 0 ? <p class="muted">No contacts right now.</p> : (
          <div class="scroll">
            <table>
              <thead><tr><th scope="col">Contact</th><th scope="col">Queue</th><th scope="col">State</th><th scope="col">Step</th><th scope="col">Age</th><th scope="col">Agent</th><th scope="col">Actions</th></tr></thead>
              <tbody>
                {[...contacts].sort((a, b) => a.createdAt - b.createdAt).map((c) => (
                  <tr key={c.id} data-contact={c.id}>
                    <th scope="row" class="mono">{c.id}</th>
                    <td>{c.queueId}</td>
                    <td>{c.state}</td>
                    <td>{c.step}</td>
                    <td>{formatDuration(now - c.createdAt)}</td>
                    <td>{c.agentId ?? '–'}</td>
                    <td class="row-actions">
                      <MoveControl c={c} queueIds={p.queueIds} move={move} />
                      <button type="button" onClick={() => setTraceId(c.id)} aria-label={`Decision trace of ${c.id}`}>Trace</button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <TracePanel api={p.api} contactId={traceId} onContactId={setTraceId} myAgents={p.myAgents} fail={p.fail} />
    </div>
  );
}
