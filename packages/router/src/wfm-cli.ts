import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  MAX_REPLICATIONS, Simulation, WhatIf, agentsRequired, checkScenario, checkWhatIf, expectedContacts, isWfmError, serviceLevelChart,
  type SimScenario,
  type SimulationResult, type StaffingInput,
} from './wfm/index.js';

/** Usage of the workforce-management commands (part of `switchboard`'s usage). */
export const WFM_USAGE = `  switchboard erlang --calls-per-hour 1000 --aht 180 --target 0.8 --threshold 20 [--max-occupancy 0.85] [--patience 120] [--max-abandonment 0.05]
  switchboard simulate scenario.json [--svg chart.svg] [--summary] [--replication 0]
  switchboard what-if scenario.json proposal.json [--replications 10]`;

/** A command-line mistake: printed with the usage, exit code 2. */
class UsageError extends Error {}

interface Io {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
}

function numberFlag(values: Record<string, string | boolean | undefined>, name: string, required: boolean): number | undefined {
  const raw = values[name];
  if (raw === undefined) {
    if (required) throw new UsageError(`--${name} is required`);
    return undefined;
  }
  const n = Number(raw);
  if (typeof raw !== 'string' || raw.trim() === '' || !Number.isFinite(n)) throw new UsageError(`--${name} must be a number (got '${String(raw)}')`);
  return n;
}

const round = (x: number | null, digits: number) => (x === null ? null : Number(x.toFixed(digits)));

/** `switchboard erlang`: the agents required and the KPIs they give, as one line of JSON. */
function erlang(args: string[], io: Io): number {
  const flags = ['calls-per-hour', 'aht', 'target', 'threshold', 'max-occupancy', 'patience', 'max-abandonment'] as const;
  const { values, positionals } = parseArgs({ args, strict: true, allowPositionals: true, options: Object.fromEntries(flags.map((f) => [f, { type: 'string' }])) });
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0] as string}'`);
  const opt = (name: (typeof flags)[number], key: string) => {
    const v = numberFlag(values, name, false);
    return v === undefined ? {} : { [key]: v };
  };
  const input = {
    callsPerHour: numberFlag(values, 'calls-per-hour', true), ahtSeconds: numberFlag(values, 'aht', true),
    targetServiceLevel: numberFlag(values, 'target', true), thresholdSeconds: numberFlag(values, 'threshold', true),
    ...opt('max-occupancy', 'maxOccupancy'), ...opt('patience', 'patienceSeconds'), ...opt('max-abandonment', 'maxAbandonment'),
  } as StaffingInput;
  const out = agentsRequired(input);
  const m = out.metrics;
  io.out(JSON.stringify({ agents: out.agents, serviceLevel: round(m.serviceLevel, 4), asa: round(m.asa, 2), occupancy: round(m.occupancy, 4), probabilityOfWaiting: round(m.probabilityOfWaiting, 4) }));
  if (out.kind === 'staffed') return 0;
  io.err(`switchboard erlang: the target cannot be met with up to ${out.agents} agents; the KPIs shown are those at ${out.agents}`);
  return 1;
}

function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`${path}: cannot be read (${(e as Error).message})`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new UsageError(`${path}: not valid JSON (${(e as Error).message})`);
  }
}

/** Only the summaries: one line per queue and tier instead of every interval. */
function summaryOf(r: SimulationResult): object {
  const pick = (o: Readonly<Record<string, { summary: object }>>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v.summary]));
  return { seed: r.seed, replication: r.replication, intervalMinutes: r.intervalMinutes, intervals: r.intervals, contacts: r.contacts, total: r.total.summary, queues: pick(r.queues), tiers: pick(r.tiers) };
}

/** JSON with every object of plain values on one line and numbers to four decimals: short enough to read. */
export function compactJson(v: unknown, indent = ''): string {
  const round = (x: unknown) => (typeof x === 'number' && !Number.isInteger(x) ? Number(x.toFixed(4)) : x);
  if (v === null || typeof v !== 'object') return JSON.stringify(round(v));
  const entries = Object.entries(v as Record<string, unknown>);
  if (entries.every(([, x]) => x === null || typeof x !== 'object')) return JSON.stringify(Object.fromEntries(entries.map(([k, x]) => [k, round(x)])));
  const inner = `${indent}  `;
  return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${compactJson(x, inner)}`).join(',\n')}\n${indent}}`;
}

/**
 * Contacts one simulation of the CLI may draw: every contact is held in memory while it runs
 * (about 500,000 take 4 s and a few hundred MB), so a scenario far beyond it would end in an
 * out-of-memory abort rather than an answer.
 */
export const CLI_SIMULATION_CONTACTS = 10_000_000;

/** The scenario of `file`, refused (exit 2) when it would draw more contacts than the CLI simulates. */
function scenarioOf(file: string): SimScenario {
  const scenario = withFile(file, () => checkScenario(readJson(file)));
  const contacts = expectedContacts(scenario);
  if (contacts > CLI_SIMULATION_CONTACTS) {
    throw new UsageError(`${file}: the scenario brings about ${Math.round(contacts).toLocaleString('en')} contacts; a simulation takes at most ${CLI_SIMULATION_CONTACTS.toLocaleString('en')}`);
  }
  return scenario;
}

/** Writes a file the user named, a failure being a usage error (exit 2) rather than a stack trace. */
function writeOut(path: string, text: string, flag: string): void {
  try {
    writeFileSync(path, text);
  } catch (e) {
    throw new UsageError(`${flag} ${path}: ${(e as Error).message}`);
  }
}

/** `switchboard simulate`: runs a scenario file, prints the KPIs as JSON, optionally draws service level by interval. */
function simulate(args: string[], io: Io): number {
  const { values, positionals } = parseArgs({ args, strict: true, allowPositionals: true, options: { svg: { type: 'string' }, summary: { type: 'boolean' }, replication: { type: 'string' } } });
  if (positionals.length !== 1) throw new UsageError('simulate takes one scenario file');
  const scenario = scenarioOf(positionals[0] as string);
  const replication = numberFlag(values, 'replication', false) ?? 0;
  if (!Number.isInteger(replication) || replication < 0) throw new UsageError('--replication must be a whole number >= 0');
  const sim = Simulation.create(scenario, { replication });
  sim.run();
  const result = sim.result();
  const target = (scenario.domain.queues?.[0]?.serviceLevel?.percent ?? 80) / 100;
  if (values.svg !== undefined) writeOut(values.svg, serviceLevelChart(result, { target }), '--svg'); // before the answer: a failure leaves stdout clean
  io.out(values.summary === true ? compactJson(summaryOf(result)) : JSON.stringify(result, null, 2));
  if (values.svg !== undefined) io.err(`wrote ${values.svg}`);
  return 0;
}

/** `switchboard what-if`: the scenario against a proposal (domain and agents) on the same traffic. */
function whatIf(args: string[], io: Io): number {
  const { values, positionals } = parseArgs({ args, strict: true, allowPositionals: true, options: { replications: { type: 'string' } } });
  if (positionals.length !== 2) throw new UsageError('what-if takes a scenario file and a proposal file');
  const [file, proposalFile] = positionals as [string, string];
  const replications = numberFlag(values, 'replications', false) ?? 10;
  if (!Number.isInteger(replications) || replications < 2 || replications > MAX_REPLICATIONS) throw new UsageError(`--replications must be a whole number from 2 to ${MAX_REPLICATIONS}`);
  const scenario = scenarioOf(file);
  const plan = withFile(proposalFile, () => checkWhatIf(scenario, readJson(proposalFile), replications));
  const w = new WhatIf(scenario, plan);
  w.run();
  io.out(compactJson(w.result()));
  return 0;
}

/** Names the file in a validation message ("examples/scenario.json: Simulation scenario is not valid: agents[0].count …"). */
function withFile<T>(file: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (isWfmError(e)) throw new UsageError(`${file}: ${e.message}`);
    throw e;
  }
}

const FLAG_OF: Record<string, string> = {
  'staffing.callsPerHour': '--calls-per-hour', 'staffing.ahtSeconds': '--aht', 'staffing.targetServiceLevel': '--target', 'staffing.thresholdSeconds': '--threshold',
  'staffing.maxOccupancy': '--max-occupancy', 'staffing.patienceSeconds': '--patience', 'staffing.maxAbandonment': '--max-abandonment',
};

/** Speaks of flags where the library speaks of fields. */
const flagNames = (message: string): string => message.replace(/staffing\.[A-Za-z]+/g, (f) => FLAG_OF[f] ?? f);

const COMMANDS: Record<string, (args: string[], io: Io) => number> = { erlang, simulate, 'what-if': whatIf };

/** True when `command` is a workforce-management command. */
export const isWfmCommand = (command: string | undefined): boolean => command !== undefined && command in COMMANDS;

/**
 * Runs a workforce-management command; returns the exit code: 0 done, 1 the target cannot be
 * met, 2 bad flags or input (with a message on stderr; stdout stays clean).
 */
export function runWfmCommand(command: string, args: string[], io: Io = { out: (s) => console.log(s), err: (s) => console.error(s) }): number {
  try {
    return (COMMANDS[command] as (args: string[], io: Io) => number)(args, io);
  } catch (e) {
    const known = e instanceof UsageError || isWfmError(e) || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') === true;
    if (!known) throw e;
    io.err(`switchboard ${command}: ${flagNames((e as Error).message)}\nusage:\n${WFM_USAGE}`);
    return 2;
  }
}
