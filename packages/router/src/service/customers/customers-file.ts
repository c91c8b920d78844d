import { readFile } from 'node:fs/promises';
import { Value } from 'typebox/value';
import { CustomerSchema, type Customer } from '../config-schema.js';
import { ConfigFileError } from '../service-config.js';
import { indexCustomers, type CustomerIndex, type ProblemLabel } from './customer-index.js';

/** What a customers file is checked against besides its own content. */
export interface CustomersFileOptions {
  /** The country of numbers written without one. */
  readonly defaultCountry: string | undefined;
  /** Customers already known (the configuration's `customers`): a file may not reuse their ids, numbers or accounts. */
  readonly configured?: readonly Customer[];
  /** The domain's agents: owners and substitutes must be among them. */
  readonly agentIds?: ReadonlySet<string>;
}

/** The customers of a file, with the directory index over them and the configured ones. */
export interface CustomersFile {
  readonly customers: readonly Customer[];
  readonly index: CustomerIndex;
}

/** One customer as read, and where it was: `file:12` (NDJSON line) or `file[3]` (JSON array item). */
interface Entry {
  readonly raw: unknown;
  readonly where: string;
  /** How a field is appended to `where`. */
  readonly sep: string;
}

const MAX_PROBLEMS = 50;
const short = (s: string): string => (s.length > 200 ? `${s.slice(0, 200)}…` : s);

/** `at position 42` in a JSON.parse message → `line 3 column 7`. */
function syntaxProblem(text: string, e: Error): string {
  const at = /at position (\d+)/.exec(e.message);
  if (at === null) return `not JSON: ${short(e.message)}`;
  const before = text.slice(0, Number(at[1]));
  const line = before.split('\n').length;
  return `not JSON at line ${line} column ${before.length - before.lastIndexOf('\n')}: ${short(e.message.replace(/ in JSON at position \d+.*$/, ''))}`;
}

function entriesOf(text: string, source: string, problems: string[]): Entry[] {
  if (text.trimStart().startsWith('[')) {
    let all: unknown;
    try {
      all = JSON.parse(text);
    } catch (e) {
      problems.push(`${source}: ${syntaxProblem(text, e as Error)}`);
      return [];
    }
    return (all as unknown[]).map((raw, i) => ({ raw, where: `${source}[${i}]`, sep: '.' }));
  }
  const out: Entry[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      out.push({ raw: JSON.parse(line), where: `${source}:${i + 1}`, sep: ' ' });
    } catch (e) {
      problems.push(`${source}:${i + 1}: not JSON: ${short((e as Error).message)}`);
    }
  });
  return out;
}

const fieldOf = (pointer: string): string =>
  pointer.split('/').slice(1).map((p, i) => (/^\d+$/.test(p) ? `[${p}]` : `${i === 0 ? '' : '.'}${p}`)).join('');

function shapeProblems(e: Entry): string[] {
  const seen = new Set<string>();
  for (const err of Value.Errors(CustomerSchema, e.raw)) {
    if (err.keyword === 'boolean') continue; // restated by its additionalProperties error
    const extra = err.keyword === 'additionalProperties' ? ` (${String((err.params as { additionalProperties?: unknown }).additionalProperties)})` : '';
    const field = fieldOf(err.instancePath);
    seen.add(`${e.where}${field === '' ? '' : `${e.sep}${field}`}: ${err.message}${extra}`);
  }
  return [...seen];
}

function agentProblems(customers: readonly Customer[], agents: ReadonlySet<string> | undefined, label: ProblemLabel, offset: number): string[] {
  if (agents === undefined) return [];
  const out: string[] = [];
  customers.forEach((c, i) => {
    if (c.ownerAgentId !== undefined && !agents.has(c.ownerAgentId)) out.push(`${label(offset + i, 'ownerAgentId')}: no agent '${c.ownerAgentId}' in the domain`);
    (c.substituteAgentIds ?? []).forEach((a, j) => { if (!agents.has(a)) out.push(`${label(offset + i, `substituteAgentIds[${j}]`)}: no agent '${a}' in the domain`); });
  });
  return out;
}

function fail(source: string, problems: string[]): never {
  const more = problems.length - MAX_PROBLEMS;
  throw new ConfigFileError(source, more > 0 ? [...problems.slice(0, MAX_PROBLEMS), `… and ${more} more`] : problems);
}

/**
 * Reads customers from a JSON array or from NDJSON (one customer object per line; blank lines
 * are skipped) and checks them like the configuration's own: the schema, valid numbers, no id,
 * number, account or legal entity claimed twice (within the file or against `configured`), known
 * agents. Throws {@link ConfigFileError} listing every problem by line (NDJSON: `file:12`) or
 * item (JSON: `file[3]`).
 *
 * @example
 * const { customers, index } = parseCustomersFile('{"id":"c1","name":"Acme","numbers":["+78129978363"]}\n', 'customers.ndjson', { defaultCountry: 'RU' });
 */
export function parseCustomersFile(text: string, source: string, opts: CustomersFileOptions): CustomersFile {
  const problems: string[] = [];
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const entries = entriesOf(body, source, problems);
  for (const e of entries) problems.push(...shapeProblems(e));
  if (problems.length > 0) fail(source, problems);
  const configured = opts.configured ?? [];
  const customers = entries.map((e) => e.raw as Customer);
  const label: ProblemLabel = (i, f) => {
    if (i < configured.length) return `config.customers[${i}]${f === '' ? '' : `.${f}`}`;
    const e = entries[i - configured.length];
    return e === undefined ? source : `${e.where}${f === '' ? '' : `${e.sep}${f}`}`;
  };
  const { index, problems: clashes } = indexCustomers([...configured, ...customers], opts.defaultCountry, label);
  problems.push(...clashes, ...agentProblems(customers, opts.agentIds, label, configured.length));
  if (problems.length > 0) fail(source, problems);
  return { customers, index };
}

/** Reads and checks a customers file ({@link parseCustomersFile}); an unreadable file is a {@link ConfigFileError} too. */
export async function loadCustomersFile(path: string, opts: CustomersFileOptions): Promise<CustomersFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new ConfigFileError(path, [`cannot be read: ${(e as Error).message}`]);
  }
  return parseCustomersFile(text, path, opts);
}
