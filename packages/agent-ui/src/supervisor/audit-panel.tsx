import { useEffect, useState } from 'preact/hooks';
import type { Api } from '../shared/api.js';
import { describeAuditEntry, revertPlan } from './audit-revert.js';
import type { AuditEntry } from './types.js';

export interface AuditPanelProps {
  readonly api: Api;
  readonly role: string;
  /** Changes when the configuration changed (here or elsewhere): the panel reads the log again. */
  readonly reloadKey: string;
  readonly announce: (message: string) => void;
  readonly fail: (e: unknown) => void;
  /** Agents whose configuration a revert changed. */
  readonly onReverted: (agentIds: readonly string[]) => void;
}

const LIMIT = 15;

/** The newest configuration changes (who, what, before → after), each revertible where the role allows. */
export function AuditPanel(p: AuditPanelProps) {
  const [entries, setEntries] = useState<readonly AuditEntry[]>();
  const [busy, setBusy] = useState<string>();
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let live = true;
    p.api.get<AuditEntry[]>(`/v1/audit?limit=${LIMIT}`).then((e) => { if (live) setEntries(e); }, p.fail);
    return () => { live = false; };
  }, [p.reloadKey, version]);

  const revert = async (e: AuditEntry) => {
    const plan = revertPlan(e, p.role);
    if (plan.kind !== 'requests') return;
    setBusy(e.id);
    try {
      for (const r of plan.requests) await p.api.call(r.method, r.path, r.body);
      p.announce(`Reverted change ${e.id} of ${e.kind} ${e.entityId}`);
      if (e.kind === 'agent') p.onReverted([e.entityId]);
    } catch (err) {
      p.fail(err);
    } finally {
      setBusy(undefined);
      setVersion((v) => v + 1);
    }
  };

  return (
    <section class="audit" aria-labelledby="audit-h">
      <div class="section-head">
        <h2 id="audit-h">Recent changes</h2>
        <button type="button" onClick={() => setVersion((v) => v + 1)}>Refresh</button>
      </div>
      {entries === undefined ? <p class="muted">Loading…</p> : entries.length === 0 ? <p class="muted">No configuration changes yet.</p> : (
        <table>
          <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th><th scope="col">Change</th><th scope="col"><span class="visually-hidden">Revert</span></th></tr></thead>
          <tbody>
            {entries.map((e) => {
              const plan = revertPlan(e, p.role);
              return (
                <tr key={e.id} data-audit={e.id}>
                  <td>{new Date(e.at).toLocaleTimeString('en-GB', { hour12: false })}</td>
                  <td>{e.actor.replace(/^user:/, '')}</td>
                  <td>{e.kind} {e.entityId}</td>
                  <td>{describeAuditEntry(e)}</td>
                  <td>
                    <button type="button" disabled={plan.kind !== 'requests' || busy !== undefined} title={plan.kind === 'unsupported' ? plan.reason : 'Put back the value before this change'}
                      aria-label={`Revert change ${e.id} of ${e.kind} ${e.entityId}`} onClick={() => void revert(e)}>Revert</button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
