import { SkillCatalogue, type SkillDefinition } from '@switchboard/skills';
import { upsertAgent } from './agent-ops.js';
import { normalizeChannels, type AgentConfig, type DomainConfig, type QueueConfig } from './config.js';
import { DomainState, type EngineOptions } from './domain-state.js';
import { RoutingError } from './errors.js';
import { checkOverflowTarget, upsertQueue } from './queue-ops.js';
import { withSkills } from './skill-errors.js';
import { isRecord } from './validate.js';

/**
 * Validates a domain configuration and builds its state: skills, channels, queues (with their
 * overflow targets checked), agents (offline) and every pool membership. Throws a RoutingError
 * naming the first problem; nothing is half-built. Used by RoutingEngine.create, and by the
 * Redis store to compute the layout it writes.
 */
export function buildDomain(config: DomainConfig, options: EngineOptions): DomainState {
  if (!isRecord(config)) throw new RoutingError('CONFIG_INVALID', 'domain must be an object');
  for (const key of ['skills', 'queues', 'agents'] as const) {
    if (config[key] !== undefined && !Array.isArray(config[key])) throw new RoutingError('CONFIG_INVALID', `${key} must be a list`);
  }
  if (options.seed !== undefined && !Number.isInteger(options.seed)) throw new RoutingError('CONFIG_INVALID', 'options.seed must be an integer');
  const catalogue = withSkills('skills', () => SkillCatalogue.create((config.skills ?? []) as SkillDefinition[]));
  const d = new DomainState(catalogue, options);
  d.now = options.clock.now();
  d.setChannels(normalizeChannels(config.channels));
  for (const q of (config.queues ?? []) as QueueConfig[]) {
    if (isRecord(q) && d.queues.has(String(q.id))) throw new RoutingError('QUEUE_DUPLICATE', `queue '${q.id}' is defined twice`);
    upsertQueue(d, q, false);
  }
  for (const q of d.queues.values()) checkOverflowTarget(d, q.config);
  for (const a of (config.agents ?? []) as AgentConfig[]) {
    if (d.agents.has(String(a?.id))) throw new RoutingError('AGENT_DUPLICATE', `agent '${a.id}' is defined twice`);
    upsertAgent(d, a);
  }
  return d;
}
