import { Value } from 'typebox/value';
import type { DomainConfig } from '../core/config.js';
import { systemClock } from '../core/clock.js';
import { isRoutingError } from '../core/errors.js';
import { RoutingEngine } from '../core/routing-engine.js';
import {
  compileIvr, isIvrError, validateScript, validateScriptRules, type CompiledIvr, type IvrDefinition, type ScriptDefinition, type ScriptRule,
} from '@switchboard/ivr';
import { indexCustomers } from './customers/customer-index.js';
import { customerRoutingProblems } from './routing/routing-config-check.js';
import { wrapUpPolicyProblems } from './history/wrap-up-rules.js';
import { ivrSkillProblems } from './ivr-requirements.js';
import { policyProblems } from './routing/service-policy.js';
import {
  ServiceConfigSchema, type CenterConfig, type CrmConfig, type RegionConfig, type Customer, type PbxClient, type ServicePolicy, type SipConfig, type User,
  type WrapUpPolicy,
} from './config-schema.js';

/** A validated service configuration. */
export interface ServiceConfig {
  readonly domainId: string;
  readonly domain: DomainConfig;
  readonly centers: readonly CenterConfig[];
  readonly regions: readonly RegionConfig[];
  readonly collections: { readonly queueId: string } | undefined;
  readonly leads: { readonly queueId: string; readonly fromQueues?: readonly string[] } | undefined;
  readonly servicePolicies: readonly ServicePolicy[];
  readonly customers: readonly Customer[];
  /** More customers in a JSON array or NDJSON file, read when the service opens. */
  readonly customersFile?: string | undefined;
  /** An external CRM asked for customers (the embedded ones are its fallback). */
  readonly crm?: CrmConfig | undefined;
  readonly users: readonly User[];
  readonly pbx: readonly PbxClient[];
  readonly dnis: Readonly<Record<string, string>>;
  readonly defaultCountry: string | undefined;
  readonly sipDomain: string;
  readonly sipUris: Readonly<Record<string, string>>;
  /** The SIP server agents' softphones register to, and how their credentials are issued; none: `GET /v1/me/sip` answers SIP_NOT_CONFIGURED. */
  readonly sip?: SipConfig | undefined;
  /** The IVR definitions (validated). */
  readonly ivrs: readonly IvrDefinition[];
  readonly defaultIvr: string | undefined;
  readonly scripts: readonly ScriptDefinition[];
  readonly scriptRules: readonly ScriptRule[];
  /** Per queue: the dispositions an agent picks at wrap-up, and whether a disposition or note is required. */
  readonly wrapUpPolicies: readonly WrapUpPolicy[];
}

/** A configuration that cannot be served: every problem, each naming its path. */
export class ConfigFileError extends Error {
  readonly problems: readonly string[];

  constructor(source: string, problems: readonly string[]) {
    super(`${source} is not a valid Switchboard configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigFileError';
    this.problems = problems;
  }
}

function schemaProblems(raw: unknown): string[] {
  const seen = new Set<string>();
  for (const e of Value.Errors(ServiceConfigSchema, raw)) {
    if (e.keyword === 'boolean') continue; // restated by its additionalProperties error
    const extra = e.keyword === 'additionalProperties' ? ` (${String((e.params as { additionalProperties?: unknown }).additionalProperties)})` : '';
    seen.add(`${pathOf(e.instancePath)}: ${e.message}${extra}`);
  }
  return [...seen];
}

const pathOf = (pointer: string): string =>
  'config' + pointer.split('/').slice(1).map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`)).join('');

function domainProblems(domain: DomainConfig): string[] {
  try {
    RoutingEngine.create(domain, { clock: systemClock, trace: false });
    return [];
  } catch (e) {
    if (isRoutingError(e)) return [`config.domain: ${e.code}: ${e.message}`];
    throw e;
  }
}

function duplicates(kind: string, ids: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const id of ids) (seen.has(id) ? out.push(`config.${kind}: '${id}' is listed twice`) : seen.add(id));
  return out;
}

function referenceProblems(c: ServiceConfig): string[] {
  const agents = new Set((c.domain.agents ?? []).map((a) => a.id));
  const queues = new Set((c.domain.queues ?? []).map((q) => q.id));
  const centers = new Set(c.centers.map((x) => x.id));
  const out: string[] = [];
  c.users.forEach((u, i) => {
    if (u.role === 'agent' && u.agentId === undefined) out.push(`config.users[${i}].agentId: an agent user must name its agent`);
    if (u.agentId !== undefined && !agents.has(u.agentId)) out.push(`config.users[${i}].agentId: no agent '${u.agentId}' in the domain`);
  });
  for (const [number, q] of Object.entries(c.dnis)) if (!queues.has(q)) out.push(`config.dnis.${number}: no queue '${q}' in the domain`);
  out.push(...indexCustomers(c.customers, c.defaultCountry, (i, f) => `config.customers[${i}]${f === '' ? '' : `.${f}`}`).problems);
  if (c.crm !== undefined && !URL.canParse(c.crm.url)) out.push(`config.crm.url: '${c.crm.url}' is not a URL`);
  if (c.sip !== undefined && !URL.canParse(c.sip.wsUri)) out.push(`config.sip.wsUri: '${c.sip.wsUri}' is not a URL`);
  if (c.sip?.domain !== undefined && c.sip.domain !== c.sipDomain) out.push(`config.sip.domain: '${c.sip.domain}' differs from sipDomain '${c.sipDomain}' (calls are routed to agents in sipDomain)`);
  c.customers.forEach((cu, i) => {
    for (const a of [cu.ownerAgentId, ...(cu.substituteAgentIds ?? [])]) {
      if (a !== undefined && !agents.has(a)) out.push(`config.customers[${i}]: no agent '${a}' in the domain`);
    }
  });
  (c.domain.agents ?? []).forEach((a, i) => {
    if (a.center !== undefined && centers.size > 0 && !centers.has(a.center)) out.push(`config.domain.agents[${i}].center: no center '${a.center}'`);
  });
  return out;
}

/** Runs a validation; an IvrError's problems are reported under `config.<part>`. */
function checked<T>(problems: string[], part: string, run: () => T): T | undefined {
  try {
    return run();
  } catch (e) {
    if (!isIvrError(e)) throw e;
    for (const p of e.problems.length > 0 ? e.problems : [{ path: '', message: e.message }]) problems.push(`config.${part}${p.path === '' ? '' : `.${p.path}`}: ${p.message}`);
    return undefined;
  }
}

/** Validates and compiles every IVR; each problem is reported with its path in the file. */
function compileIvrs(list: readonly unknown[], queues: ReadonlySet<string>, skills: ReadonlySet<string>, problems: string[]): Map<string, CompiledIvr> {
  const out = new Map<string, CompiledIvr>();
  list.forEach((raw, i) => {
    try {
      const ivr = compileIvr(raw);
      if (out.has(ivr.definition.id)) problems.push(`config.ivrs[${i}].id: '${ivr.definition.id}' is listed twice`);
      for (const [id, n] of Object.entries(ivr.definition.nodes)) {
        if ((n.type === 'route' || n.type === 'callback') && !queues.has(n.queueId)) problems.push(`config.ivrs[${i}].nodes.${id}.queueId: no queue '${n.queueId}' in the domain`);
      }
      problems.push(...ivrSkillProblems(ivr.definition.nodes, skills, `config.ivrs[${i}]`));
      out.set(ivr.definition.id, ivr);
    } catch (e) {
      if (!isIvrError(e)) throw e;
      for (const p of e.problems) problems.push(`config.ivrs[${i}].${p.path}: ${p.message}`);
    }
  });
  return out;
}

function withDefaults(raw: Record<string, unknown>): ServiceConfig {
  const r = raw as unknown as Partial<ServiceConfig> & { domain: DomainConfig; users: User[] };
  return {
    domainId: r.domainId ?? 'default', domain: r.domain, users: r.users,
    centers: r.centers ?? [], regions: r.regions ?? [], collections: r.collections, leads: r.leads, servicePolicies: r.servicePolicies ?? [], customers: r.customers ?? [],
    pbx: r.pbx ?? [], dnis: r.dnis ?? {}, defaultCountry: r.defaultCountry,
    ...(r.customersFile === undefined ? {} : { customersFile: r.customersFile }), ...(r.crm === undefined ? {} : { crm: r.crm }),
    sipDomain: r.sipDomain ?? r.sip?.domain ?? 'switchboard.invalid', sipUris: r.sipUris ?? {}, ...(r.sip === undefined ? {} : { sip: r.sip }),
    ivrs: [], defaultIvr: (raw as { defaultIvr?: string }).defaultIvr, scripts: [], scriptRules: [],
    wrapUpPolicies: r.wrapUpPolicies ?? [],
  };
}

/**
 * Validates a parsed configuration file completely and lists every problem at once: schema,
 * the routing domain (by building it), duplicate ids, and references between the parts.
 * Throws {@link ConfigFileError}.
 */
export function validateServiceConfig(raw: unknown, source = 'configuration'): ServiceConfig {
  const shape = schemaProblems(raw);
  if (shape.length > 0) throw new ConfigFileError(source, shape);
  const c = withDefaults(raw as Record<string, unknown>);
  const problems = [
    ...domainProblems(c.domain),
    ...duplicates('users', c.users.map((u) => u.id)), ...duplicates('customers', c.customers.map((x) => x.id)),
    ...duplicates('centers', c.centers.map((x) => x.id)), ...duplicates('servicePolicies', c.servicePolicies.map((x) => x.id)),
    ...duplicates('pbx', c.pbx.map((x) => x.id)),
  ];
  if (problems.length === 0) problems.push(...referenceProblems(c), ...customerRoutingProblems(c));
  const ivrs = compileIvrs((raw as { ivrs?: unknown[] }).ivrs ?? [], new Set((c.domain.queues ?? []).map((q) => q.id)), new Set((c.domain.skills ?? []).map((x) => x.id)), problems);
  if (c.defaultIvr !== undefined && !ivrs.has(c.defaultIvr)) problems.push(`config.defaultIvr: no IVR '${c.defaultIvr}'`);
  problems.push(...wrapUpPolicyProblems(c.wrapUpPolicies, new Set((c.domain.queues ?? []).map((q) => q.id))));
  c.servicePolicies.forEach((p, i) => problems.push(...policyProblems(p, `config.servicePolicies[${i}]`)));
  const scripts = checked(problems, 'scripts', () => ((raw as { scripts?: unknown[] }).scripts ?? []).map((s) => validateScript(s))) ?? [];
  const scriptRules = checked(problems, 'scriptRules', () => validateScriptRules((raw as { scriptRules?: unknown[] }).scriptRules ?? [], { scriptIds: scripts.map((s) => s.id) })) ?? [];
  if (problems.length > 0) throw new ConfigFileError(source, problems);
  return { ...c, ivrs: [...ivrs.values()].map((x) => x.definition), scripts, scriptRules };
}

/** Parses JSON text, naming the position of a syntax error, then validates it. */
export function parseServiceConfig(text: string, source: string): ServiceConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ConfigFileError(source, [`not JSON: ${(e as Error).message}`]);
  }
  return validateServiceConfig(raw, source);
}
