import { createHash } from 'node:crypto';

/** What a lead's first contact learned, as the call brought it (IVR fields, reason). */
export type LeadData = Readonly<Record<string, string | number | boolean>>;

/**
 * A caller no customer or lead owned yet: created by their first call, assigned to a salesperson
 * by a supervisor. The id follows from the number, so every call from it finds the same lead.
 */
export interface Lead {
  readonly id: string;
  /** The caller's number, E.164. */
  readonly number: string;
  readonly country: string | undefined;
  readonly regionId: string | undefined;
  readonly createdAt: string;
  readonly firstContactId: string;
  /** The queue the caller asked for (the dialled line) before the lead queue took the call. */
  readonly askedQueueId: string;
  readonly reason: string | undefined;
  readonly data: LeadData;
  readonly status: 'new' | 'assigned';
  readonly assignedAgentId?: string;
  readonly assignedBy?: string;
  readonly assignedAt?: string;
}

/** A lead's id: a digest of its number (ids stay valid ids, and say nothing of the number). */
export function leadIdOf(e164: string): string {
  return `lead-${createHash('sha256').update(e164).digest('hex').slice(0, 20)}`;
}

/** Where leads are kept: one per number, created once however many processes race. */
export interface LeadBook {
  /** Keeps `lead` unless its id is taken; returns the lead kept and whether it is this one. */
  create(lead: Lead): Promise<{ lead: Lead; created: boolean }>;
  get(id: string): Promise<Lead | undefined>;
  /** Sets who a lead is assigned to; undefined when there is no such lead. */
  assign(id: string, assignment: { agentId: string; by: string; at: string }): Promise<Lead | undefined>;
  /** The newest `limit` leads, newest first. */
  latest(limit: number): Promise<Lead[]>;
}
