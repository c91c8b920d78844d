import type { ApiRequest } from './queue-policy.js';
import type { AuditEntry } from './types.js';

/**
 * Reverting a configuration change of the audit log: the requests that put back the entry's
 * `before`, through the live endpoints a supervisor may use (an agent's skills and absences, a
 * queue's steps and pause) or, for an admin, by replacing the whole document. The revert is a
 * change like any other, so it lands in the audit log too. Pure.
 */

export type RevertPlan =
  | { readonly kind: 'requests'; readonly requests: readonly ApiRequest[] }
  | { readonly kind: 'unsupported'; readonly reason: string };

type Doc = Readonly<Record<string, unknown>>;

const isDoc = (v: unknown): v is Doc => typeof v === 'object' && v !== null && !Array.isArray(v);
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Top-level fields whose values differ between two documents, sorted. */
export function changedFields(before: unknown, after: unknown): string[] {
  const b = isDoc(before) ? before : {};
  const a = isDoc(after) ? after : {};
  return [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !same(b[k], a[k])).sort();
}

/** Where an admin replaces a document of each kind. */
const CONFIG_PATH: Readonly<Record<string, string>> = { agent: 'agents', queue: 'queues', center: 'centers', policy: 'service-policies' };

/** The parts of a document a supervisor may put back live, and the request for each. */
const LIVE: Readonly<Record<string, Readonly<Record<string, (id: string, before: Doc) => ApiRequest>>>> = {
  agent: {
    skills: (id, b) => ({ method: 'PUT', path: `/v1/agents/${id}/skills`, body: { skills: b.skills ?? {} } }),
    absences: (id, b) => ({ method: 'PUT', path: `/v1/agents/${id}/absences`, body: { absences: b.absences ?? [] } }),
  },
  queue: {
    steps: (id, b) => ({ method: 'PUT', path: `/v1/queues/${id}/steps`, body: { steps: b.steps } }),
    paused: (id, b) => ({ method: 'PUT', path: `/v1/queues/${id}/paused`, body: { paused: b.paused === true } }),
  },
};

export function revertPlan(entry: AuditEntry, role: string): RevertPlan {
  const path = CONFIG_PATH[entry.kind];
  if (path === undefined) return { kind: 'unsupported', reason: `${entry.kind} changes cannot be reverted here` };
  if (!isDoc(entry.before)) return { kind: 'unsupported', reason: `it created the ${entry.kind}; an admin removes it in the configuration` };
  const id = encodeURIComponent(entry.entityId);
  const fields = changedFields(entry.before, entry.after);
  if (fields.length === 0) return { kind: 'unsupported', reason: 'it changed nothing' };
  if (role === 'admin') return { kind: 'requests', requests: [{ method: 'PUT', path: `/v1/config/${path}/${id}`, body: entry.before }] };
  const live = LIVE[entry.kind] ?? {};
  const adminOnly = isDoc(entry.after) ? fields.filter((f) => live[f] === undefined) : ['the whole document'];
  if (adminOnly.length > 0) return { kind: 'unsupported', reason: `only an admin can put back ${adminOnly.join(', ')}` };
  const before = entry.before;
  return { kind: 'requests', requests: fields.map((f) => (live[f] as (id: string, b: Doc) => ApiRequest)(id, before)) };
}

/** Skill levels of a document (or none). */
const levelsOf = (doc: unknown): Readonly<Record<string, number>> => (isDoc(doc) && isDoc(doc.skills) ? (doc.skills as Record<string, number>) : {});

/** `sales 4 → 5, vip – → 5` for the skills that differ. */
export function describeSkillChanges(before: unknown, after: unknown): string {
  const b = levelsOf(before);
  const a = levelsOf(after);
  const skills = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((s) => b[s] !== a[s]).sort();
  return skills.map((s) => `${s} ${b[s] ?? '–'} → ${a[s] ?? '–'}`).join(', ');
}

/** One line saying what an audit entry changed. */
export function describeAuditEntry(e: AuditEntry): string {
  if (!isDoc(e.before)) return `created ${e.kind} ${e.entityId}`;
  const after = e.after;
  if (!isDoc(after)) return `removed ${e.kind} ${e.entityId}`;
  const fields = changedFields(e.before, e.after);
  const parts = fields.map((f) => {
    if (f === 'skills') return `skills: ${describeSkillChanges(e.before, e.after)}`;
    if (f === 'paused') return after.paused === true ? 'paused' : 'resumed';
    return `${f} changed`;
  });
  return parts.length === 0 ? 'no change' : parts.join('; ');
}
