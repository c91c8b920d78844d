import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;
const readme = readFileSync(`${root}README.md`, 'utf8');
const blockOf = (name: string): string => new RegExp(`<!-- ${name}:start -->\n\`\`\`sh\n([\\s\\S]*?)\`\`\`\n<!-- ${name}:end -->`).exec(readme)?.[1] ?? '';
const block = blockOf('walkthrough');
const ivrBlock = blockOf('ivr-walkthrough');
const customersBlock = blockOf('customers-walkthrough');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => resolve(typeof a === 'object' && a !== null ? a.port : 0));
    });
  });
}

let server: ChildProcess;
let port = 0;
let banner = '';

beforeAll(async () => {
  port = await freePort();
  // What `npm start` runs, on a free port.
  // As `npm start -- --time …` (the README's way to be inside the demo IVR's opening hours at any hour).
  server = spawn(process.execPath, ['--import', 'tsx', 'packages/router/src/cli.ts', 'serve', '--time', '2026-11-23T10:00:00+03:00'], { cwd: root, env: { ...process.env, PORT: String(port), LOG_LEVEL: 'warn' } });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start: ${banner}`)), 30_000);
    server.stdout?.on('data', (d) => { banner += String(d); if (banner.includes('/metrics')) { clearTimeout(timer); resolve(); } });
    server.on('exit', (code) => reject(new Error(`exited ${code}: ${banner}`)));
  });
}, 40_000);

afterAll(() => { server.kill('SIGTERM'); });

describe('the README walkthrough', () => {
  it('prints where the docs are and the demo logins', () => {
    expect(banner).toContain(`http://127.0.0.1:${port}/docs`);
    expect(banner).toContain('sue / supervisor-demo');
  });

  it('routes a call end to end with the README\'s curl commands', () => {
    expect(block).toContain('/v1/route');
    const res = spawnSync('bash', ['-euo', 'pipefail', '-c', block], { env: { ...process.env, B: `http://127.0.0.1:${port}` }, encoding: 'utf8', timeout: 30_000 });
    expect(res.stderr).toBe('');
    const lines = res.stdout.trim().split('\n');
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ status: 'reserved', agentId: 'agent05', sipUri: 'sip:agent05@switchboard.local', queueId: 'sales' });
    expect(lines.slice(1, 4)).toEqual(['{"ok":true}', '{"ok":true}', '{"ok":true}']); // accepted, completed, wrap-up finished
    expect(JSON.parse(lines[4] ?? '')).toMatchObject({ queueId: 'sales', offered: 1, answered: 1 });
    expect(lines[5]).toBe('preferred -> agent05'); // the account owner got it first
  });

  it('walks the demo IVR by DTMF to a queue, and the offer carries the selected script', () => {
    expect(ivrBlock).toContain('/v1/ivr/sessions');
    const res = spawnSync('bash', ['-euo', 'pipefail', '-c', ivrBlock], { env: { ...process.env, B: `http://127.0.0.1:${port}` }, encoding: 'utf8', timeout: 30_000 });
    expect(res.stderr).toBe('');
    expect(res.stdout.trim().split('\n')).toEqual([
      'collect language', expect.stringMatching(/^Sales, press 1/), 'reserved agent05 lost-ticket', 'Lost ticket — valued customer', 'greet',
    ]);
  });

  it('routes by who is calling: owner, substitute when the calendar says the logged-in owner is absent, a lead, a center; and shows the history', () => {
    expect(customersBlock).toContain('/v1/leads');
    const res = spawnSync('bash', ['-euo', 'pipefail', '-c', customersBlock], { env: { ...process.env, B: `http://127.0.0.1:${port}` }, encoding: 'utf8', timeout: 30_000 });
    expect(res.stderr).toBe('');
    expect(res.stdout.trim().split('\n')).toEqual([
      'agent15 (account-team)', '{"ok":true}', 'ready', 'agent20 (account-team)', 'leads (lead)', '+79031234567 assigned to agent03',
      'support-nsk (novosibirsk)', 'arrived offered ended offer.cancelled',
    ]);
  });

  it('serves the OpenAPI document', async () => {
    const doc = await (await fetch(`http://127.0.0.1:${port}/docs/json`)).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toContain('/v1/route');
  });

  it('shuts down on SIGTERM after finishing', async () => {
    const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
