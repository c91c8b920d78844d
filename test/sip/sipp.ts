/**
 * SIPp (Debian `sip-tester`) as callers and as agents' phones, for the SIP end-to-end tests.
 * Scenarios live in `scenarios/`: `caller.xml` (talks -d ms playing G.711), `caller-hangs-up.xml`
 * (hangs up while queued), `agent.xml` (phones that answer and echo RTP), `agent-no-answer.xml`
 * (phones that ring out) and `register.xml` (a registration with the service's credentials).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePorts, spawnLogged } from '../support/processes.js';
import { SIP_DOMAIN, type RouterStack } from './stack.js';

const scenarios = new URL('./scenarios/', import.meta.url).pathname;
const SIPP = process.env.SIPP ?? '/usr/bin/sipp';

/** What one SIPp run did. */
export interface SippRun {
  /** SIPp's exit code: 0 every call succeeded, 1 some failed. */
  readonly code: number;
  /** The messages SIPp sent and received (`-trace_msg`). */
  readonly messages: string;
  /** What went wrong (`-trace_err`), and its screen. */
  readonly errors: string;
}

function requireSipp(): void {
  if (!existsSync(SIPP)) throw new Error(`no SIPp at ${SIPP}: apt-get install sip-tester`);
}

/**
 * Runs a scenario against Kamailio to completion (or `timeoutMs`); `lines` become its injection
 * file. Ports are picked free, but SIPp runs started side by side can pick the same media ports
 * before either binds: a run that could not bind (it stops before sending anything) is started
 * again on other ports, up to three times.
 */
export async function runSipp(stack: RouterStack, scenario: string, opts: { lines?: readonly string[]; args?: readonly string[]; timeoutMs?: number; sipPort?: number } = {}): Promise<SippRun> {
  requireSipp();
  for (let attempt = 1; ; attempt++) {
    const run = await runSippOnce(stack, scenario, opts);
    if (run.code === 0 || attempt === 3 || run.messages !== '' || !/Unable to bind|Address already in use/.test(run.errors)) return run;
  }
}

async function runSippOnce(stack: RouterStack, scenario: string, opts: { lines?: readonly string[]; args?: readonly string[]; timeoutMs?: number; sipPort?: number }): Promise<SippRun> {
  const dir = mkdtempSync(join(tmpdir(), 'sb-sipp-'));
  const inf = join(dir, 'calls.csv');
  writeFileSync(inf, ['SEQUENTIAL', ...(opts.lines ?? ['anonymous'])].join('\n') + '\n');
  const [port, mediaPort] = [await freePorts(1), await freePorts(4)];
  const args = [
    `127.0.0.1:${opts.sipPort ?? stack.kamailio.sipPort}`, '-sf', join(scenarios, scenario), '-inf', inf, '-i', '127.0.0.1', '-p', String(port),
    '-mi', '127.0.0.1', '-mp', String(mediaPort), '-nostdin', '-trace_msg', '-message_file', join(dir, 'msg.log'), '-trace_err', '-error_file', join(dir, 'err.log'),
    ...(opts.args ?? []),
  ];
  const code = await new Promise<number>((resolve) => {
    const child = spawn(SIPP, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    child.on('exit', (c) => { clearTimeout(timer); resolve(c ?? -1); });
  });
  const read = (f: string) => (existsSync(join(dir, f)) ? readFileSync(join(dir, f), 'utf8') : '');
  return { code, messages: read('msg.log'), errors: read('err.log') };
}

/** Agents' phones: one SIPp answering (or ringing out) every call sent to its port, whichever agent it is for. */
export interface SippPhones {
  readonly port: number;
  /** The INVITEs it received, by Call-ID (with `-trace_msg`). */
  invites(): string[];
  output(): string;
  stop(): Promise<void>;
}

/** Starts phones playing `scenario` (`agent.xml` or `agent-no-answer.xml`) on a free port; `extra` adds SIPp options. */
export async function startSippPhones(scenario: string, extra: readonly string[] = []): Promise<SippPhones> {
  requireSipp();
  const dir = mkdtempSync(join(tmpdir(), 'sb-sipp-phones-'));
  const [port, mediaPort] = [await freePorts(1), await freePorts(4)];
  const messages = join(dir, 'msg.log');
  const p = spawnLogged(SIPP, [
    '-sf', join(scenarios, scenario), '-i', '127.0.0.1', '-p', String(port), '-mi', '127.0.0.1', '-mp', String(mediaPort), '-rtp_echo',
    '-nostdin', '-trace_msg', '-message_file', messages, ...extra,
  ]);
  await new Promise((r) => setTimeout(r, 300));
  if (p.child.exitCode !== null) throw new Error(`SIPp phones did not start:\n${p.output()}`);
  return {
    port, output: p.output, stop: p.stop,
    invites: () => {
      const text = existsSync(messages) ? readFileSync(messages, 'utf8') : '';
      return [...text.matchAll(/^INVITE [^\n]*\n(?:[^\n]+\n)*?Call-ID: *([^\r\n]+)/gm)].map((m) => m[1] as string);
    },
  };
}

/**
 * Registers agents at Kamailio with the credentials the service issues them (`GET /v1/me/sip`;
 * or computed by the test from the shared secret, `issuedBy: 'test'`), their Contact pointing
 * at the phones' port: calls to any of them reach those phones.
 */
export async function registerAgents(stack: RouterStack, agents: readonly string[], phones: SippPhones, issuedBy: 'service' | 'test' = 'service', sipPort = stack.kamailio.sipPort): Promise<void> {
  for (let i = 0; i < agents.length; i += 10) {
    await Promise.all(agents.slice(i, i + 10).map(async (agent) => {
      const c = issuedBy === 'test' ? stack.ephemeralCredentials(agent) : await stack.api<{ authorizationUser: string; password: string }>(agent, 'GET', '/v1/me/sip');
      const run = await runSipp(stack, 'register.xml', { lines: [`${agent};127.0.0.1;${phones.port};${SIP_DOMAIN}`], args: ['-m', '1', '-au', c.authorizationUser, '-ap', c.password], timeoutMs: 15_000, sipPort });
      if (run.code !== 0) throw new Error(`registering ${agent} failed (${run.code}):\n${run.errors}\n${run.messages}`);
    }));
  }
}

/** The Call-ID of the n-th call (1-based) of a run started with `-cid_str <prefix>-%u@%s`. */
export const callIdOf = (prefix: string, n = 1): string => `${prefix}-${n}@127.0.0.1`;
