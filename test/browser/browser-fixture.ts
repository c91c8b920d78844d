/**
 * What the browser tests share: the pages built once (per version of their sources, shared by
 * the test processes), the service started on a free port serving them, Debian's Chromium
 * driven by playwright-core, and screenshots under `test-output/screenshots/`.
 *
 * @example
 * ```ts
 * let server: Awaited<ReturnType<typeof startServer>>;
 * let browser: Browser;
 * beforeAll(async () => { server = await startServer(); browser = await launchBrowser(); }, 90_000);
 * afterAll(async () => { await browser?.close(); await server?.stop(); });
 * it('shows the page', async () => {
 *   const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
 *   await page.goto(`${server.base}/agent`);
 *   await screenshot(page, 'agent-desktop');
 * });
 * ```
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';

export const root = new URL('../../', import.meta.url).pathname;
/** Where the tests write what a person may want to look at afterwards (git-ignored). */
export const outputDir = `${root}test-output`;
/** Debian's `chromium` package (`.ci/run` installs it); `CHROMIUM` overrides. */
export const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';

/**
 * The pages are built once per version of their sources, into `test-output/ui-<hash>`, and
 * shared: browser test files run in parallel forks, so the first to need a build takes a lock
 * (an atomic `mkdir`) and builds, and the others wait for it. A finished build is never
 * written again, so a server serving it cannot see it change.
 */
const UI_SOURCES = ['packages/agent-ui/src', 'packages/agent-ui/vite.config.ts', 'packages/agent-ui/package.json'];
let built: Promise<string> | undefined;

function filesUnder(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).sort().flatMap((name) => filesUnder(`${path}/${name}`));
}

/** A hash of the pages' sources: their paths and contents. */
function sourcesHash(): string {
  const h = createHash('sha256');
  for (const f of UI_SOURCES.flatMap((p) => filesUnder(`${root}${p}`))) h.update(f).update('\0').update(readFileSync(f)).update('\0');
  return h.digest('hex').slice(0, 16);
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function run(cmd: string, args: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => { out += String(d); });
    child.stderr.on('data', (d) => { out += String(d); });
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`${args.join(' ')} timed out:\n${out}`)); }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`${args.join(' ')} exited ${code}:\n${out}`));
    });
  });
}

async function buildInto(dir: string): Promise<void> {
  const lock = `${dir}.lock`;
  for (;; await sleep(200)) {
    if (existsSync(`${dir}/.complete`)) return;
    try {
      mkdirSync(lock);
      break; // ours to build
    } catch {
      // another process builds it; take over a lock left by one that died
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 100_000) rmSync(lock, { recursive: true, force: true });
    }
  }
  try {
    if (existsSync(`${dir}/.complete`)) return;
    const vite = `${root}node_modules/vite/bin/vite.js`;
    await run(process.execPath, [vite, 'build', '--config', 'packages/agent-ui/vite.config.ts', '--outDir', dir, '--emptyOutDir', '--logLevel', 'warn'], 90_000);
    writeFileSync(`${dir}/.complete`, new Date().toISOString());
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Builds the agent-ui pages (Vite) unless this version of them is built already; resolves to the directory. */
export function buildUiOnce(): Promise<string> {
  built ??= (async () => {
    mkdirSync(outputDir, { recursive: true });
    const dir = `${outputDir}/ui-${sourcesHash()}`;
    await buildInto(dir);
    return dir;
  })();
  return built;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => (typeof a === 'object' && a !== null ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

/** A running service: its base URL (`http://127.0.0.1:PORT`) and how to stop it. */
export interface TestServer {
  readonly base: string;
  stop(): Promise<void>;
}

export interface StartServerOptions {
  /** The service's clock start (`--time`); defaults to a Monday 10:00 Moscow time, inside the demo's opening hours. */
  readonly time?: string;
  /** Extra environment for the service (e.g. `JWT_SECRET`). */
  readonly env?: Readonly<Record<string, string>>;
  /** Extra CLI arguments after `serve`. */
  readonly args?: readonly string[];
}

/**
 * Builds the pages (once) and starts `switchboard serve` with the demo domain on a free port,
 * serving them at `/agent` and `/supervisor`; resolves once the start-up banner is printed.
 */
export async function startServer(options: StartServerOptions = {}): Promise<TestServer> {
  const uiDir = await buildUiOnce();
  const port = await freePort();
  const args = ['--import', 'tsx', 'packages/router/src/cli.ts', 'serve', '--ui', uiDir, '--time', options.time ?? '2026-11-23T10:00:00+03:00', ...(options.args ?? [])];
  const child: ChildProcess = spawn(process.execPath, args, { cwd: root, env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...options.env } });
  let banner = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the service did not start: ${banner}`)), 30_000);
    child.stdout?.on('data', (d) => { banner += String(d); if (banner.includes('/metrics')) { clearTimeout(timer); resolve(); } });
    child.stderr?.on('data', (d) => { banner += String(d); });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`the service exited ${code}: ${banner}`)); });
  });
  return {
    base: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) { resolve(); return; }
      const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
      child.once('exit', () => { clearTimeout(kill); resolve(); });
      child.kill('SIGTERM');
    }),
  };
}

/** Debian's Chromium, headless, with fake camera/microphone and no permission prompts. */
export function launchBrowser(): Promise<Browser> {
  if (!existsSync(chromiumPath)) throw new Error(`no Chromium at ${chromiumPath}: apt-get install chromium (or set CHROMIUM)`);
  return chromium.launch({ executablePath: chromiumPath, args: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'] });
}

/** Saves a full-page PNG as `test-output/screenshots/<name>.png` and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = `${outputDir}/screenshots`;
  mkdirSync(dir, { recursive: true });
  const path = `${dir}/${name}.png`;
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** One accessibility rule broken on a page, as axe-core reports it. */
export interface A11yViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly targets: readonly string[];
}

/**
 * Runs axe-core (WCAG 2.x A and AA rules: labels, names, roles, colour contrast, keyboard
 * focusability) on the page as it is now, and returns what it found.
 */
export async function accessibilityViolations(page: Page): Promise<A11yViolation[]> {
  const source = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  // Evaluated over the DevTools protocol: the page's Content-Security-Policy (script-src 'self') stays on.
  await page.evaluate(source);
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    const r = await axe.run((globalThis as unknown as { document: unknown }).document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
}

/** A page for a supervisor of the demo domain, logged in to the console; page errors are collected in `problems`. */
export async function supervisorPage(browser: Browser, base: string, opts: { user?: string; height?: number; timeoutMs?: number } = {}): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: opts.height ?? 800 } });
  page.setDefaultTimeout(opts.timeoutMs ?? 20_000);
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${base}/supervisor`);
  await page.getByLabel('User name').fill(opts.user ?? 'sue');
  await page.getByLabel('Password').fill('supervisor-demo');
  await page.getByRole('button', { name: 'Log in' }).click();
  return { page, problems };
}
