import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';

/**
 * A private `redis-server` for one test file: its own free port on 127.0.0.1 and its own data
 * directory, so tests can kill and restart it without touching any Redis the machine runs.
 * Needs the `redis-server` binary (Debian package `redis-server`; `.ci/run` installs it).
 */
export interface TestRedis {
  readonly port: number;
  readonly url: string;
  /** Stops gracefully (SIGTERM: an AOF is flushed) and waits for the exit. */
  stop(): Promise<void>;
  /** Kills at once (SIGKILL), as a crash would. */
  kill(): Promise<void>;
  /** Starts again on the same port and data directory (state survives if AOF was on). */
  start(): Promise<void>;
  /** Stops and removes the data directory. */
  dispose(): Promise<void>;
}

export interface TestRedisOptions {
  /** Append-only file on, fsync every write (for restart tests). Default off. */
  readonly appendOnly?: boolean;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr !== null ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

function exited(p: ChildProcess): Promise<void> {
  return p.exitCode !== null || p.signalCode !== null ? Promise.resolve() : new Promise((resolve) => p.once('exit', () => resolve()));
}

/** Starts a private redis-server and resolves once it accepts connections. */
export async function startTestRedis(opts: TestRedisOptions = {}): Promise<TestRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'sb-redis-'));
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--daemonize', 'no'];
  if (opts.appendOnly) args.push('--appendonly', 'yes', '--appendfsync', 'always');
  else args.push('--appendonly', 'no');
  let proc: ChildProcess | undefined;

  const start = () =>
    new Promise<void>((resolve, reject) => {
      const p = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
      proc = p;
      let out = '';
      const timer = setTimeout(() => reject(new Error(`redis-server did not start on ${port}: ${out}`)), 10_000);
      p.once('error', (e) => {
        clearTimeout(timer);
        reject(new Error(`cannot run redis-server (is the Debian package installed?): ${e.message}`));
      });
      p.stdout?.on('data', (b: Buffer) => {
        out += b.toString();
        if (out.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      });
      p.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited (${code}) before it was ready: ${out}`));
      });
    });

  const signal = async (sig: NodeJS.Signals) => {
    const p = proc;
    if (p === undefined) return;
    proc = undefined;
    p.kill(sig);
    await exited(p);
  };

  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop: () => signal('SIGTERM'),
    kill: () => signal('SIGKILL'),
    start,
    dispose: async () => {
      await signal('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A private redis-server and one client for the current test file: started before its tests,
 * disposed after. Read `redis` and `server` inside tests (they are set by then).
 */
export function useTestRedis(opts: TestRedisOptions = {}): { readonly redis: Redis; readonly server: TestRedis } {
  const ctx = {} as { redis: Redis; server: TestRedis };
  beforeAll(async () => {
    ctx.server = await startTestRedis(opts);
    ctx.redis = new Redis(ctx.server.url);
    ctx.redis.on('error', () => {}); // tests that stop the server expect connection errors
  });
  afterAll(async () => {
    ctx.redis.disconnect();
    await ctx.server.dispose();
  });
  return ctx;
}
