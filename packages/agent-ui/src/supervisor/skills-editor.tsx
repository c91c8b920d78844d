import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Api } from '../shared/api.js';
import { AuditPanel } from './audit-panel.js';
import { PoolPreview, describePoolChange, poolChanges, type PoolChange } from './pool-preview.js';
import { LEVELS, changeList, discard, isChanged, levelAt, matrixOf, rebase, setLevel, setLevels, type AgentChange, type MatrixState } from './skills-matrix.js';
import type { AgentView, QueueConfig, SkillDefinition } from './types.js';

export interface SkillsEditorProps {
  readonly api: Api;
  readonly role: string;
  readonly agents: readonly AgentView[];
  readonly skills: readonly SkillDefinition[];
  readonly queues: readonly QueueConfig[];
  /** Counts configuration events of the stream (see `LiveData.configCount`). */
  readonly configCount: number;
  /** The agents as re-read after a change. */
  readonly onAgentsChanged: (agents: readonly AgentView[]) => void;
  readonly announce: (message: string) => void;
  readonly fail: (e: unknown) => void;
}

/** What applying did for one agent, by the service's answer. */
interface Applied {
  readonly agentId: string;
  readonly change: AgentChange;
  readonly pools: readonly PoolChange[];
}

const levelText = (l: number) => (l === 0 ? '–' : String(l));
const placesText = (a: AgentView) => a.memberships.map((m) => `${m.queueId} ${m.step}`).join(' · ') || 'no pools';

function BulkBar({ skills, targets, onSet }: { skills: readonly SkillDefinition[]; targets: string; onSet: (skill: string, level: number) => void }) {
  const [skill, setSkill] = useState(skills[0]?.id ?? '');
  const [level, setLevelValue] = useState(3);
  return (
    <fieldset class="bulk">
      <legend>Bulk edit</legend>
      <label>Skill <select value={skill} onChange={(e) => setSkill(e.currentTarget.value)}>{skills.map((s) => <option key={s.id} value={s.id}>{s.id}</option>)}</select></label>
      <label>Level <select value={level} onChange={(e) => setLevelValue(Number(e.currentTarget.value))}>{LEVELS.map((l) => <option key={l} value={l}>{l === 0 ? '– (remove)' : l}</option>)}</select></label>
      <button type="button" onClick={() => onSet(skill, level)}>Set for {targets}</button>
    </fieldset>
  );
}

/** The agents × skills grid: inline and bulk edits, pools before → after, apply live, audit and revert. */
export function SkillsEditor(p: SkillsEditorProps) {
  const [matrix, setMatrix] = useState<MatrixState>(() => matrixOf(p.agents));
  const [filter, setFilter] = useState('');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [applying, setApplying] = useState(false);
  const [applied, setApplied] = useState<readonly Applied[]>([]);
  const [auditKey, setAuditKey] = useState(0);
  useEffect(() => setMatrix((m) => rebase(m, p.agents)), [p.agents]);

  const preview = useMemo(() => { try { return new PoolPreview(p.skills, p.queues); } catch { return undefined; } }, [p.skills, p.queues]);
  const shown = p.agents.filter((a) => `${a.id} ${a.name} ${a.team ?? ''}`.toLowerCase().includes(filter.trim().toLowerCase()));
  const byId = new Map(p.agents.map((a) => [a.id, a]));
  const changes = changeList(matrix);
  const targets = selected.size > 0 ? [...selected] : shown.map((a) => a.id);

  const toggle = (id: string) => setSelected((s) => { const n = new Set(s); if (n.has(id)) n.delete(id); else n.add(id); return n; });

  const apply = async () => {
    setApplying(true);
    const done: Applied[] = [];
    const fresh: AgentView[] = [];
    try {
      for (const c of changes) {
        const id = encodeURIComponent(c.agentId);
        await p.api.put(`/v1/agents/${id}/skills`, { skills: c.after });
        const now = await p.api.get<AgentView>(`/v1/agents/${id}`);
        fresh.push(now);
        done.push({ agentId: c.agentId, change: c, pools: poolChanges(byId.get(c.agentId)?.memberships ?? [], now.memberships) });
      }
      p.announce(`Applied skill changes for ${done.map((d) => d.agentId).join(', ')}`);
    } catch (e) {
      p.fail(e);
    } finally {
      setApplied(done);
      if (fresh.length > 0) p.onAgentsChanged(fresh);
      setAuditKey((k) => k + 1);
      setApplying(false);
    }
  };

  const reread = async (agentIds: readonly string[]) => {
    const fresh = await Promise.all(agentIds.map((id) => p.api.get<AgentView>(`/v1/agents/${encodeURIComponent(id)}`)));
    p.onAgentsChanged(fresh);
  };

  return (
    <div class="skills-editor">
      <div class="toolbar">
        <label>Filter agents <input type="search" value={filter} onInput={(e) => setFilter(e.currentTarget.value)} placeholder="name, id or team" /></label>
        <BulkBar skills={p.skills} targets={selected.size > 0 ? `${selected.size} selected` : `all ${shown.length} shown`} onSet={(s, l) => setMatrix((m) => setLevels(m, targets, s, l))} />
      </div>
      <div class="scroll matrix-scroll">
        <table class="matrix">
          <caption class="visually-hidden">Skill levels, 1 to 5; – means the agent does not have the skill. Changed cells are marked.</caption>
          <thead>
            <tr>
              <th scope="col"><span class="visually-hidden">Select</span></th>
              <th scope="col">Agent</th>
              {p.skills.map((s) => <th key={s.id} scope="col" title={s.description ?? s.name ?? s.id}>{s.id}</th>)}
              <th scope="col">Pools (queue step)</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((a) => (
              <tr key={a.id} data-agent={a.id} class={matrix.edits.has(a.id) ? 'row-changed' : ''}>
                <td><input type="checkbox" checked={selected.has(a.id)} onChange={() => toggle(a.id)} aria-label={`Select ${a.name}`} /></td>
                <th scope="row">{a.name} <span class="muted">{a.id}</span></th>
                {p.skills.map((s) => {
                  const changed = isChanged(matrix, a.id, s.id);
                  const base = a.skills[s.id] ?? 0;
                  return (
                    <td key={s.id} class={changed ? 'cell-changed' : ''}>
                      <select aria-label={`${a.name}, ${s.id}${changed ? `, was ${levelText(base)}` : ''}`} data-skill={s.id} value={levelAt(matrix, a.id, s.id)}
                        onChange={(e) => setMatrix((m) => setLevel(m, a.id, s.id, Number(e.currentTarget.value)))}>
                        {LEVELS.map((l) => <option key={l} value={l}>{levelText(l)}</option>)}
                      </select>
                    </td>
                  );
                })}
                <td class="pools">{placesText(a)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="below-matrix">
        <section class="pending" aria-labelledby="pending-h">
          <h2 id="pending-h">Changes to apply ({changes.length})</h2>
          {changes.length === 0 ? <p class="muted">Edit a cell, or set a level in bulk.</p> : (
            <ul>
              {changes.map((c) => {
                const predicted = preview === undefined ? undefined : poolChanges(preview.places(c.before), preview.places(c.after));
                return (
                  <li key={c.agentId} data-change={c.agentId}>
                    <strong>{c.agentId}</strong>: {c.cells.map((x) => `${x.skill} ${levelText(x.from)} → ${levelText(x.to)}`).join(', ')}
                    <span class="muted"> — pools: {predicted === undefined ? 'preview unavailable' : predicted.length === 0 ? 'no change' : predicted.map(describePoolChange).join('; ')}</span>
                    <button type="button" class="link" onClick={() => setMatrix((m) => discard(m, [c.agentId]))} aria-label={`Discard changes of ${c.agentId}`}>discard</button>
                  </li>
                );
              })}
            </ul>
          )}
          <div class="actions">
            <button type="button" class="primary" disabled={changes.length === 0 || applying} onClick={() => void apply()}>{applying ? 'Applying…' : `Apply ${changes.length} change${changes.length === 1 ? '' : 's'} live`}</button>
            <button type="button" disabled={changes.length === 0 || applying} onClick={() => setMatrix((m) => discard(m))}>Discard all</button>
          </div>
          {applied.length === 0 ? null : (
            <div class="applied" role="status">
              <h3>Applied — the service now has</h3>
              <ul>
                {applied.map((d) => (
                  <li key={d.agentId} data-applied={d.agentId}>
                    <strong>{d.agentId}</strong>: {d.pools.length === 0 ? 'same pools' : d.pools.map(describePoolChange).join('; ')}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </section>
        <AuditPanel api={p.api} role={p.role} reloadKey={`${auditKey}:${p.configCount}`} announce={p.announce} fail={p.fail} onReverted={(ids) => reread(ids).catch(p.fail)} />
      </div>
    </div>
  );
}
