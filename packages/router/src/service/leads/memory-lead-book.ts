import type { Lead, LeadBook } from './lead.js';

/** Leads of one process (the embedded store's companion); kept in creation order. */
export class MemoryLeadBook implements LeadBook {
  private readonly leads = new Map<string, Lead>();

  create(lead: Lead): Promise<{ lead: Lead; created: boolean }> {
    const had = this.leads.get(lead.id);
    if (had !== undefined) return Promise.resolve({ lead: had, created: false });
    this.leads.set(lead.id, lead);
    return Promise.resolve({ lead, created: true });
  }

  get(id: string): Promise<Lead | undefined> {
    return Promise.resolve(this.leads.get(id));
  }

  assign(id: string, a: { agentId: string; by: string; at: string }): Promise<Lead | undefined> {
    const had = this.leads.get(id);
    if (had === undefined) return Promise.resolve(undefined);
    const next: Lead = { ...had, status: 'assigned', assignedAgentId: a.agentId, assignedBy: a.by, assignedAt: a.at };
    this.leads.set(id, next);
    return Promise.resolve(next);
  }

  latest(limit: number): Promise<Lead[]> {
    return Promise.resolve([...this.leads.values()].reverse().slice(0, limit));
  }
}
