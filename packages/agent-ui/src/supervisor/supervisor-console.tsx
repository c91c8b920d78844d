import { useEffect, useMemo, useState } from 'preact/hooks';
import { Api, ApiError, type Session } from '../shared/api.js';
import { ContactsPanel } from './contacts-panel.js';
import { presencePlan, type ForcedState } from './presence-plan.js';
import { QueuePolicyEditor } from './queue-policy-editor.js';
import { SkillsEditor } from './skills-editor.js';
import { Tabs } from './tabs.js';
import type { AgentView, Me, QueueConfig, SkillDefinition } from './types.js';
import { useLiveData } from './use-live-data.js';
import { Wallboard } from './wallboard.js';
import { WfmPanel } from './wfm-panel.js';

/** What the console reads once (and again after a queue edit): who I am, the skills, the queues. */
interface Directory {
  readonly me: Me;
  readonly skills: readonly SkillDefinition[];
  readonly queues: readonly QueueConfig[];
}

const TABS = [
  { id: 'wallboard', label: 'Wallboard' },
  { id: 'skills', label: 'Skills matrix' },
  { id: 'policy', label: 'Queue policy' },
  { id: 'contacts', label: 'Contacts & traces' },
  { id: 'wfm', label: 'Staffing & what-if' },
] as const;

const CONNECTION_TEXT = { connecting: 'Connecting…', open: 'Live', closed: 'Offline' } as const;

/** The queues this user supervises, in configuration order. */
function myQueues(me: Me, queues: readonly QueueConfig[]): QueueConfig[] {
  const scope = me.queues ?? [];
  return scope === 'all' ? [...queues] : queues.filter((q) => scope.includes(q.id));
}

export function SupervisorConsole({ session, onLogout }: { session: Session; onLogout: () => void }) {
  const api = useMemo(() => new Api(session), [session]);
  const [dir, setDir] = useState<Directory>();
  const [tab, setTab] = useState<string>('wallboard');
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string>();

  const unauthorized = (e: unknown): boolean => {
    if (!(e instanceof ApiError && e.status === 401)) return false;
    onLogout();
    return true;
  };
  const fail = (e: unknown) => {
    if (!unauthorized(e)) setError(e instanceof ApiError ? `${e.message} (${e.code})` : String((e as Error).message ?? e));
  };
  const announce = (m: string) => { setError(undefined); setStatus(m); };

  const loadDirectory = async () => {
    const [me, skills, queues] = await Promise.all([api.get<Me>('/v1/auth/me'), api.get<SkillDefinition[]>('/v1/config/skills'), api.get<QueueConfig[]>('/v1/config/queues')]);
    setDir({ me, skills, queues });
  };
  useEffect(() => { loadDirectory().catch(fail); }, [api]);

  const live = useLiveData(api, session.user, unauthorized);

  const forceState = async (agentId: string, presence: string, target: ForcedState) => {
    try {
      let view: AgentView | undefined;
      for (const body of presencePlan(presence, target)) view = await api.put<AgentView>(`/v1/agents/${encodeURIComponent(agentId)}/presence`, body);
      if (view !== undefined) live.replaceAgents([view]);
      announce(`${agentId} is now ${view?.activity ?? target}`);
    } catch (e) {
      fail(e);
    }
  };

  const mine = dir === undefined ? [] : myQueues(dir.me, dir.queues);
  const agents = live.data?.agents ?? [];
  const queueNames = new Map((dir?.queues ?? []).map((q) => [q.id, q.name ?? q.id]));

  return (
    <div class="console">
      <header class="topbar">
        <h1>Switchboard <span class="muted">supervisor console</span></h1>
        <span class={`conn conn--${live.connection}`} role="status" aria-label={`Event stream: ${CONNECTION_TEXT[live.connection]}`}>{CONNECTION_TEXT[live.connection]}</span>
        <span class="who">{session.user} <span class="muted">({session.role})</span></span>
        <button type="button" onClick={onLogout}>Log out</button>
      </header>
      <div class="messages">
        <p class="status" role="status" aria-live="polite">{status}</p>
        {error === undefined && live.error === undefined ? null : (
          <p class="error banner" role="alert">{error ?? live.error} <button type="button" class="link" onClick={() => setError(undefined)}>dismiss</button></p>
        )}
      </div>
      {dir === undefined ? <p class="muted">Loading…</p> : (
        <Tabs tabs={TABS} selected={tab} onSelect={setTab} panels={{
          wallboard: <Wallboard live={live} queueIds={mine.map((q) => q.id)} queueNames={queueNames} forceState={forceState} />,
          skills: <SkillsEditor api={api} role={session.role} agents={agents} skills={dir.skills} queues={dir.queues} configCount={live.configCount} onAgentsChanged={live.replaceAgents} announce={announce} fail={fail} />,
          policy: <QueuePolicyEditor api={api} role={session.role} queues={mine} skills={dir.skills} agents={agents} onApplied={loadDirectory} announce={announce} fail={fail} />,
          contacts: <ContactsPanel api={api} queueIds={mine.map((q) => q.id)} myAgents={new Set(agents.map((a) => a.id))} eventCount={live.eventCount} now={live.now} announce={announce} fail={fail} />,
          wfm: <WfmPanel api={api} skills={dir.skills} queues={mine} agents={agents} announce={announce} fail={fail} />,
        }} />
      )}
    </div>
  );
}
