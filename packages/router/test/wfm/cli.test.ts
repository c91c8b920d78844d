import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agentsRequired } from '../../src/wfm/agents-required.js';
import { runWfmCommand } from '../../src/wfm-cli.js';

const root = join(import.meta.dirname, '../../../..');
const bin = join(root, 'packages/router/bin/switchboard.js');

function run(command: string, args: string[]): { code: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const code = runWfmCommand(command, args, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const erlangArgs = ['--calls-per-hour', '1000', '--aht', '180', '--target', '0.8', '--threshold', '20'];

describe('switchboard erlang', () => {
  it('prints exactly the agents and KPIs as one line of JSON (through the real bin, as npx runs it)', () => {
    const p = spawnSync(process.execPath, [bin, 'erlang', ...erlangArgs], { cwd: root, encoding: 'utf8' });
    expect([p.status, p.stderr]).toEqual([0, '']);
    expect(p.stdout).toBe('{"agents":56,"serviceLevel":0.8412,"asa":9.28,"occupancy":0.8929,"probabilityOfWaiting":0.3093}\n');
    const bad = spawnSync(process.execPath, [bin, 'erlang', '--calls-per-hour', 'lots'], { cwd: root, encoding: 'utf8' });
    expect([bad.status, bad.stdout]).toEqual([2, '']);
    expect(bad.stderr).toContain('--calls-per-hour must be a number');
  });

  it('takes the occupancy cap, patience and abandonment bound; its numbers are the library\'s', () => {
    const r = run('erlang', [...erlangArgs, '--max-occupancy', '0.85', '--patience', '120', '--max-abandonment', '0.02']);
    expect(r.code).toBe(0);
    const lib = agentsRequired({ callsPerHour: 1000, ahtSeconds: 180, targetServiceLevel: 0.8, thresholdSeconds: 20, maxOccupancy: 0.85, patienceSeconds: 120, maxAbandonment: 0.02 });
    const printed = JSON.parse(r.out) as Record<string, number>;
    expect(Object.keys(printed)).toEqual(['agents', 'serviceLevel', 'asa', 'occupancy', 'probabilityOfWaiting']);
    expect(printed.agents).toBe(lib.agents);
    expect(printed.serviceLevel).toBeCloseTo(lib.metrics.serviceLevel, 4);
  });

  it('answers bad flags with a clear message, the usage, exit code 2 and nothing on stdout', () => {
    const cases: Array<[string[], RegExp]> = [
      [['--calls-per-hour', '1000', '--aht', '180', '--target', '0.8'], /--threshold is required/],
      [[...erlangArgs, '--aht', 'x'], /--aht must be a number \(got 'x'\)/],
      [[...erlangArgs, '--turbo', '1'], /Unknown option '--turbo'/],
      [[...erlangArgs.slice(0, 4), '--target', '80', '--threshold', '20'], /--target must be <= 1 \(got 80\)/],
      [[...erlangArgs, 'extra'], /unexpected argument 'extra'/],
    ];
    for (const [args, message] of cases) {
      const r = run('erlang', args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toMatch(message);
      expect(r.err).toContain('usage:');
    }
  });

  it('says so (exit 1) when no staffing up to the limit meets the target', () => {
    const r = run('erlang', ['--calls-per-hour', '1e9', '--aht', '3600', '--target', '0.8', '--threshold', '20']);
    expect(r.code).toBe(2); // 1e9 calls per hour is beyond the accepted range
    const big = run('erlang', ['--calls-per-hour', '9000000', '--aht', '3600', '--target', '0.8', '--threshold', '20']);
    expect(big.code).toBe(1);
    expect(JSON.parse(big.out)).toMatchObject({ agents: 100_000, serviceLevel: 0, asa: null });
    expect(big.err).toContain('cannot be met');
  });
});

describe('switchboard simulate and what-if', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sb-wfm-'));
  const scenario = {
    seed: 3, intervalMinutes: 30, intervals: 4,
    domain: { skills: [{ id: 's' }], queues: [{ id: 'q', steps: [{ requirement: 's', afterSeconds: 0 }] }] },
    agents: [{ id: 'a', count: 4, skills: { s: 2 } }],
    contactTypes: [{ id: 'c', queueId: 'q', arrivals: { perHour: 60 }, handleTime: { kind: 'exponential', meanSeconds: 180 } }],
  };
  const file = join(dir, 'scenario.json');
  writeFileSync(file, JSON.stringify(scenario));

  it('prints the results as JSON and draws service level by interval as SVG', () => {
    const svg = join(dir, 'sl.svg');
    const r = run('simulate', [file, '--svg', svg]);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.out) as { total: { byInterval: unknown[] }; queues: Record<string, unknown> };
    expect(result.total.byInterval).toHaveLength(4);
    expect(Object.keys(result.queues)).toEqual(['q']);
    const drawn = readFileSync(svg, 'utf8');
    expect(drawn).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(drawn).toContain('<polyline');
    expect(r.err).toContain('wrote');
  });

  it('names the file and the path of a bad field; exit 2', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...scenario, agents: [{ id: 'a', count: -1, skills: { s: 2 } }] }));
    const r = run('simulate', [bad]);
    expect([r.code, r.out]).toEqual([2, '']);
    expect(r.err).toContain(`${bad}: Simulation scenario is not valid: agents[0].count must be >= 0`);
    writeFileSync(bad, '{ "seed": ');
    expect(run('simulate', [bad]).err).toContain('not valid JSON');
    expect(run('simulate', [join(dir, 'missing.json')]).err).toContain('cannot be read');
    const unknownQueue = join(dir, 'q.json');
    writeFileSync(unknownQueue, JSON.stringify({ ...scenario, contactTypes: [{ ...scenario.contactTypes[0], queueId: 'nope' }] }));
    expect(run('simulate', [unknownQueue]).err).toContain("contactTypes[0].queueId names no queue of domain ('nope')");
  });

  it('refuses, with exit 2 and nothing on stdout, a scenario too large to hold, an --svg it cannot write and a bad --replications', () => {
    const huge = join(dir, 'huge.json');
    writeFileSync(huge, JSON.stringify({ ...scenario, intervals: 672, contactTypes: [{ ...scenario.contactTypes[0], arrivals: { perHour: 1e7 } }] }));
    const big = run('simulate', [huge]);
    expect([big.code, big.out]).toEqual([2, '']);
    expect(big.err).toContain('the scenario brings about 3,360,000,000 contacts; a simulation takes at most 10,000,000');
    const unwritable = run('simulate', [file, '--svg', join(dir, 'no-such-dir', 'sl.svg')]);
    expect([unwritable.code, unwritable.out]).toEqual([2, '']);
    expect(unwritable.err).toContain('--svg ');
    const proposal = join(dir, 'proposal.json');
    writeFileSync(proposal, JSON.stringify({ domain: scenario.domain, agents: scenario.agents }));
    const once = run('what-if', [file, proposal, '--replications', '1']);
    expect([once.code, once.out]).toEqual([2, '']);
    expect(once.err).toContain('switchboard what-if: --replications must be a whole number from 2 to 200');
  });

  it('compares a proposal on the same traffic', () => {
    const proposal = join(dir, 'proposal.json');
    writeFileSync(proposal, JSON.stringify({ domain: scenario.domain, agents: [{ id: 'a', count: 6, skills: { s: 2 } }] }));
    const r = run('what-if', [file, proposal, '--replications', '4']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as { replications: number; total: { asaSeconds: { difference: number } } };
    expect(out.replications).toBe(4);
    expect(out.total.asaSeconds.difference).toBeLessThan(0);
  });

  it('runs the README example scenario as npx would', () => {
    const out = execFileSync(process.execPath, [bin, 'simulate', 'examples/scenario.json', '--summary'], { cwd: root, encoding: 'utf8' });
    expect((JSON.parse(out) as { contacts: number }).contacts).toBeGreaterThan(2000);
  });
});
