import type { DomainConfig } from '../../core/config.js';
import type { CenterConfig, Customer, RegionConfig } from '../config-schema.js';

/** The parts of a service configuration that routing by customer data reads. */
export interface CustomerRoutingConfig {
  readonly domain: DomainConfig;
  readonly centers: readonly CenterConfig[];
  readonly regions: readonly RegionConfig[];
  readonly customers: readonly Customer[];
  readonly collections: { readonly queueId: string } | undefined;
  readonly leads: { readonly queueId: string; readonly fromQueues?: readonly string[] } | undefined;
}

/** A queue's channel (voice when it names none). */
export const channelOf = (q: { readonly channel?: string | undefined }): string => q.channel ?? 'voice';

/**
 * Problems of one center's queue map: both queues of each pair exist and share a channel.
 * `queues` maps each queue id of the domain to its channel.
 */
export function centerQueueProblems(center: CenterConfig, queues: ReadonlyMap<string, string>, path: string): string[] {
  const out: string[] = [];
  for (const [home, own] of Object.entries(center.queues ?? {})) {
    const at = `${path}.queues.${home}`;
    if (!queues.has(home)) out.push(`${at}: no queue '${home}' in the domain`);
    else if (!queues.has(own)) out.push(`${at}: no queue '${own}' in the domain`);
    else if (queues.get(home) !== queues.get(own)) out.push(`${at}: '${own}' (${queues.get(own)}) is not of the channel of '${home}' (${queues.get(home)})`);
  }
  return out;
}

function centerProblems(c: CustomerRoutingConfig, queues: ReadonlyMap<string, string>): string[] {
  return c.centers.flatMap((center, i) => centerQueueProblems(center, queues, `config.centers[${i}]`));
}

function regionProblems(c: CustomerRoutingConfig): string[] {
  const centers = new Set(c.centers.map((x) => x.id));
  const out: string[] = [];
  const prefixes = new Map<string, number>();
  c.regions.forEach((r, i) => {
    r.centers.forEach((id, j) => {
      if (!centers.has(id)) out.push(`config.regions[${i}].centers[${j}]: no center '${id}'`);
    });
    for (const p of r.prefixes ?? []) {
      const other = prefixes.get(p);
      if (other !== undefined && other !== i) out.push(`config.regions[${i}].prefixes: '${p}' is also a prefix of config.regions[${other}]`);
      prefixes.set(p, i);
    }
  });
  const ids = c.regions.map((r) => r.id);
  ids.forEach((id, i) => {
    if (ids.indexOf(id) !== i) out.push(`config.regions[${i}].id: '${id}' is listed twice`);
  });
  if (c.regions.filter((r) => r.default === true).length > 1) out.push('config.regions: more than one region is the default');
  return out;
}

function queueRefProblems(c: CustomerRoutingConfig, queues: ReadonlyMap<string, string>): string[] {
  const out: string[] = [];
  if (c.collections !== undefined && !queues.has(c.collections.queueId)) out.push(`config.collections.queueId: no queue '${c.collections.queueId}' in the domain`);
  if (c.leads !== undefined) {
    if (!queues.has(c.leads.queueId)) out.push(`config.leads.queueId: no queue '${c.leads.queueId}' in the domain`);
    (c.leads.fromQueues ?? []).forEach((q, i) => {
      if (!queues.has(q)) out.push(`config.leads.fromQueues[${i}]: no queue '${q}' in the domain`);
    });
  }
  return out;
}

function controllerProblems(c: CustomerRoutingConfig): string[] {
  const agents = new Set((c.domain.agents ?? []).map((a) => a.id));
  const out: string[] = [];
  c.customers.forEach((cu, i) => {
    const id = cu.creditControllerAgentId;
    if (id !== undefined && !agents.has(id)) out.push(`config.customers[${i}].creditControllerAgentId: no agent '${id}' in the domain`);
  });
  return out;
}

/**
 * Problems of the routing-by-customer-data parts of a configuration, each naming its path:
 * centers' queues (exist, same channel as the home queue), regions (known centers, no prefix in
 * two regions, one default at most), the collections and lead queues, credit controllers.
 */
export function customerRoutingProblems(c: CustomerRoutingConfig): string[] {
  const queues = new Map((c.domain.queues ?? []).map((q) => [q.id, channelOf(q)] as const));
  return [...centerProblems(c, queues), ...regionProblems(c), ...queueRefProblems(c, queues), ...controllerProblems(c)];
}
