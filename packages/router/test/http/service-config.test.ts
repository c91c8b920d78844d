import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigFileError, demoConfig, hashPassword, parseServiceConfig, validateServiceConfig } from '@switchboard/router/service';
import { testConfig } from './http-fixture.js';

const HASH = hashPassword('x');
const base = () => JSON.parse(JSON.stringify({ ...testConfig(), centers: undefined })) as Record<string, unknown>;

function problems(raw: unknown): readonly string[] {
  try {
    validateServiceConfig(raw);
  } catch (e) {
    if (e instanceof ConfigFileError) return e.problems;
    throw e;
  }
  return [];
}

describe('the service configuration', () => {
  it('accepts the demo and the test configuration', () => {
    expect(demoConfig().domain.agents).toHaveLength(20);
    expect(problems(base())).toEqual([]);
  });

  it('names the path of every schema problem at once', () => {
    const raw = { ...base(), users: [{ id: 'a b', role: 'boss', passwordHash: 'plain' }], extra: 1 };
    const p = problems(raw);
    expect(p).toContain('config: must not have additional properties (extra)');
    expect(p.some((x) => x.startsWith('config.users[0].id:'))).toBe(true);
    expect(p.some((x) => x.startsWith('config.users[0].passwordHash:'))).toBe(true);
    expect(p.some((x) => x.startsWith('config.users[0].role:'))).toBe(true);
  });

  it('reports the routing domain\'s own error, and references that lead nowhere', () => {
    const bad = base();
    (bad.domain as { queues: Array<{ steps: unknown }> }).queues[0]!.steps = [{ requirement: 'sales>=', afterSeconds: 0 }];
    expect(problems(bad)[0]).toMatch(/^config\.domain: SKILL_INVALID: /);
    const refs = { ...base(), dnis: { '+78005550199': 'nope' }, users: [{ id: 'u', role: 'agent', passwordHash: HASH }, { id: 'v', role: 'agent', agentId: 'ghost', passwordHash: HASH }] };
    expect(problems(refs)).toEqual([
      'config.users[0].agentId: an agent user must name its agent',
      "config.users[1].agentId: no agent 'ghost' in the domain",
      "config.dnis.+78005550199: no queue 'nope' in the domain",
    ]);
  });

  it('rejects customer numbers that are not phone numbers and duplicate ids', () => {
    const raw = { ...base(), customers: [{ id: 'c', name: 'C', numbers: ['12'] }, { id: 'c', name: 'D', numbers: [] }] };
    expect(problems(raw)).toEqual(["config.customers: 'c' is listed twice"]);
    const bad = { ...base(), customers: [{ id: 'c', name: 'C', numbers: ['12'] }] };
    expect(problems(bad)).toEqual(["config.customers[0].numbers[0]: '12' is not a valid phone number"]);
  });

  it('says where JSON is broken', () => {
    expect(() => parseServiceConfig('{"users": [', 'file.json')).toThrow(/file\.json is not a valid Switchboard configuration:\n {2}- not JSON/);
  });
});

describe('switchboard serve --config', () => {
  it('refuses a broken file with the list of problems and exit code 1, before listening', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-cfg-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ ...base(), dnis: { '+78005550199': 'nope' } }));
    const cli = new URL('../../src/cli.ts', import.meta.url).pathname;
    const res = spawnSync(process.execPath, ['--import', 'tsx', cli, 'serve', '--config', file, '--port', '0'], { encoding: 'utf8', timeout: 30_000 });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain(`${file} is not a valid Switchboard configuration`);
    expect(res.stderr).toContain("config.dnis.+78005550199: no queue 'nope' in the domain");
  });
});
