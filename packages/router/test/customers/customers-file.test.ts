import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Customer } from '../../src/service/config-schema.js';
import { loadCustomersFile, parseCustomersFile } from '../../src/service/customers/customers-file.js';
import { MemoryCustomerDirectory } from '../../src/service/customers/memory-customer-directory.js';
import { ConfigFileError, validateServiceConfig } from '../../src/service/service-config.js';
import { testConfig } from '../http/http-fixture.js';

const opts = { defaultCountry: 'RU' };
const holding: Customer = {
  id: 'holding', name: 'Holding', numbers: ['+7 812 997-83-63'], segment: 'core', ownerAgentId: 'ann', substituteAgentIds: ['bob', 'cat'],
  legalEntities: [
    { id: 'le-1', name: 'Holding Trade LLC', taxId: '7801234567', numbers: ['8 (495) 123-45-67'], accounts: ['100200'] },
    { id: 'le-2', name: 'Holding Logistics LLC', accounts: ['100300'] },
  ],
};
const other: Customer = { id: 'other', name: 'Other', numbers: ['+7 383 222-33-44'], accounts: ['555777'] };

/** The problems a ConfigFileError lists. */
function problemsOf(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (e) {
    if (e instanceof ConfigFileError) return e.problems;
    throw e;
  }
  throw new Error('no ConfigFileError');
}

describe('customers file', () => {
  it('reads NDJSON (blank lines and CRLF allowed) and a JSON array alike', () => {
    const nd = parseCustomersFile(`${JSON.stringify(holding)}\r\n\n${JSON.stringify(other)}\n`, 'c.ndjson', opts);
    const arr = parseCustomersFile(`\uFEFF  ${JSON.stringify([holding, other], null, 2)}`, 'c.json', opts);
    expect(nd.customers).toEqual([holding, other]);
    expect(arr.customers).toEqual(nd.customers);
    expect([...nd.index.byNumber.keys()].sort()).toEqual(['+73832223344', '+74951234567', '+78129978363']);
  });

  it('names the line of each bad NDJSON record, and the item of a JSON array', () => {
    const text = [JSON.stringify(other), '{"id":"x",', JSON.stringify({ id: 'y', name: 'Y', numbers: ['12'] }), JSON.stringify({ id: 'z', numbers: [], segment: 'vip' })].join('\n');
    expect(problemsOf(() => parseCustomersFile(text, 'c.ndjson', opts))).toEqual([
      expect.stringMatching(/^c\.ndjson:2: not JSON: /),
      'c.ndjson:4: must have required properties name',
      'c.ndjson:4 segment: must be equal to one of the allowed values',
    ]);
    expect(problemsOf(() => parseCustomersFile(JSON.stringify([other, { id: 'y', name: 'Y', numbers: ['12'] }]), 'c.json', opts)))
      .toEqual(["c.json[1].numbers[0]: '12' is not a valid phone number"]);
    expect(problemsOf(() => parseCustomersFile('[\n  {"id": "a",\n  "name" "b"}\n]', 'c.json', opts))).toEqual([expect.stringMatching(/^c\.json: not JSON at line 3 column \d+/)]);
  });

  it('refuses a number, account, legal entity or id claimed twice, naming both places', () => {
    const twin = { ...other, id: 'twin', numbers: ['8 812 997 83 63'], accounts: ['100300'], legalEntities: [{ id: 'le-1', name: 'Stolen' }] };
    const text = [holding, other, twin, { ...other, numbers: [], accounts: [] }].map((c) => JSON.stringify(c)).join('\n');
    expect(problemsOf(() => parseCustomersFile(text, 'c.ndjson', opts))).toEqual([
      "c.ndjson:3 numbers[0]: +78129978363 is also a number of c.ndjson:1 ('holding')",
      "c.ndjson:3 accounts[0]: account '100300' is also held by c.ndjson:1 ('holding')",
      "c.ndjson:3 legalEntities[0].id: legal entity 'le-1' also belongs to c.ndjson:1 ('holding')",
      "c.ndjson:4 id: 'other' is also the id of c.ndjson:2",
    ]);
  });

  it('refuses what clashes with the configuration\'s own customers, and unknown agents', () => {
    const configured = testConfig().customers; // cust-1 owns +7 812 997-83-63
    const text = `${JSON.stringify({ ...holding, substituteAgentIds: ['bob', 'zed'] })}\n${JSON.stringify({ ...other, id: 'cust-2' })}`;
    expect(problemsOf(() => parseCustomersFile(text, 'c.ndjson', { ...opts, configured, agentIds: new Set(['ann', 'bob', 'cat']) }))).toEqual([
      "c.ndjson:1 numbers[0]: +78129978363 is also a number of config.customers[0] ('cust-1')",
      "c.ndjson:1 legalEntities[0].numbers[0]: +74951234567 is also a number of config.customers[1] ('cust-2')",
      "c.ndjson:2 id: 'cust-2' is also the id of config.customers[1]",
      "c.ndjson:1 substituteAgentIds[1]: no agent 'zed' in the domain",
    ]);
  });

  it('lists at most 50 problems', () => {
    const text = Array.from({ length: 80 }, () => 'nope').join('\n');
    const p = problemsOf(() => parseCustomersFile(text, 'c.ndjson', opts));
    expect(p).toHaveLength(51);
    expect(p[50]).toBe('… and 30 more');
  });

  it('loads from disk; an unreadable file is a ConfigFileError', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-customers-'));
    writeFileSync(join(dir, 'c.ndjson'), `${JSON.stringify(other)}\n`);
    expect((await loadCustomersFile(join(dir, 'c.ndjson'), opts)).customers).toEqual([other]);
    await expect(loadCustomersFile(join(dir, 'missing.ndjson'), opts)).rejects.toThrow(/missing\.ndjson is not a valid Switchboard configuration:\n {2}- cannot be read/);
  });
});

describe('MemoryCustomerDirectory', () => {
  it('resolves every number and account of a holding and its legal entities to the one customer', async () => {
    const d = MemoryCustomerDirectory.of([holding, other], 'RU');
    for (const l of [await d.byNumber('+78129978363'), await d.byNumber('+74951234567'), await d.byAccount('100200'), await d.byAccount('100300'), await d.byId('holding')]) {
      expect(l).toEqual({ customer: holding, outcome: 'hit', cached: false });
    }
    expect(await d.byNumber('+70000000000')).toEqual({ customer: undefined, outcome: 'miss', cached: false });
    expect(await d.list()).toEqual([holding, other]);
    expect([d.peek('other'), d.peek('nobody')]).toEqual([other, undefined]);
  });

  it('tells a listener how each lookup went', async () => {
    const seen: unknown[] = [];
    const d = MemoryCustomerDirectory.of([other], 'RU', { onLookup: (e) => seen.push({ verb: e.verb, outcome: e.outcome }) });
    await d.byAccount('555777');
    await d.byId('x');
    expect(seen).toEqual([{ verb: 'byAccount', outcome: 'hit' }, { verb: 'byId', outcome: 'miss' }]);
  });
});

describe('configuration customers', () => {
  const base = () => JSON.parse(JSON.stringify({ ...testConfig(), customers: [] })) as Record<string, unknown>;
  const configProblems = (customers: unknown[], extra: Record<string, unknown> = {}) => problemsOf(() => validateServiceConfig({ ...base(), customers, ...extra }));

  it('accepts the new fields (segment, legal entities, crm, customersFile) and stays backward compatible', () => {
    const c = validateServiceConfig({ ...base(), customers: [{ ...holding }], customersFile: 'more.ndjson', crm: { url: 'http://crm.test/api', timeoutMs: 200 } });
    expect(c).toMatchObject({ customersFile: 'more.ndjson', crm: { url: 'http://crm.test/api', timeoutMs: 200 }, customers: [{ segment: 'core' }] });
    expect(validateServiceConfig(base())).not.toHaveProperty('crm');
  });

  it('refuses a number two customers own, with both paths', () => {
    expect(configProblems([holding, { ...other, numbers: ['+7 (495) 123 45 67'] }])).toEqual([
      "config.customers[1].numbers[0]: +74951234567 is also a number of config.customers[0] ('holding')",
    ]);
  });

  it('refuses an unknown segment and a CRM url that is not one', () => {
    expect(configProblems([{ ...other, segment: 'gold' }])).toEqual(['config.customers[0].segment: must be equal to one of the allowed values']);
    expect(configProblems([], { crm: { url: 'http://' } })).toEqual(["config.crm.url: 'http://' is not a URL"]);
  });
});
