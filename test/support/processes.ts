/**
 * Helpers for tests that run real servers (Kamailio, rtpengine, SIPp, the service) as child
 * processes on 127.0.0.1: free ports, waiting for a listener, stopping a process group.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { connect, createServer } from 'node:net';

/** A TCP port nobody listens on right now (the kernel's pick). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => (typeof a === 'object' && a !== null ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

/** Whether a UDP port can be bound on 127.0.0.1 right now. */
function udpFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createSocket('udp4');
    s.once('error', () => { s.close(); resolve(false); });
    s.bind(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/**
 * `count` consecutive ports, each free for TCP and UDP (a SIPp binds its SIP port and, for
 * media, the RTP/RTCP pairs from its media port on). Starts from a kernel-chosen TCP port.
 */
export async function freePorts(count: number): Promise<number> {
  for (;;) {
    const base = await freePort();
    if (base + count > 65_535) continue;
    let ok = true;
    for (let p = base; p < base + count && ok; p++) ok = await udpFree(p);
    if (ok) return base;
  }
}

/** Resolves once something accepts TCP connections on the port; `what()` explains a timeout. */
export async function listening(port: number, what: () => string, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1', () => { s.destroy(); resolve(true); });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`nothing listens on ${port}:\n${what()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Stops a process started in its own process group (`detached`), then waits for it. */
export function stopGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) { resolve(); return; }
    const pid = child.pid;
    const kill = setTimeout(() => { try { process.kill(-pid, 'SIGKILL'); } catch { /* gone */ } }, 5_000);
    child.once('exit', () => { clearTimeout(kill); resolve(); });
    try { process.kill(-pid, signal); } catch { resolve(); }
  });
}

/** A child process in its own group whose output is kept (for failure messages). */
export interface Logged {
  readonly child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** Starts `cmd` detached (its own process group), collecting stdout and stderr. */
export function spawnLogged(cmd: string, args: readonly string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Logged {
  const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const keep = (d: Buffer) => { out = (out + String(d)).slice(-200_000); };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.on('error', (e) => { out += `\n${cmd}: ${e.message}`; });
  return { child, output: () => out, stop: () => stopGroup(child) };
}
