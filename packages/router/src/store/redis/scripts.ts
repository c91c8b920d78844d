import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Redis } from 'ioredis';

const LUA_DIR = join(dirname(fileURLToPath(import.meta.url)), 'lua');

/** A Lua script of the store: its file name, versioned command name, key count and source. */
export interface StoreScript {
  readonly name: string;
  /** `sb_<name>_<first 10 hex of sha1(source)>`: two router versions never run each other's code. */
  readonly command: string;
  readonly numberOfKeys: number;
  readonly source: string;
}

/**
 * Reads `<dir>/<name>.lua` (the store's `lua/` folder by default) and takes the key count from
 * the header line `-- KEYS: 1 …, 2 …` (the highest number listed; `-- KEYS: none` for none). A
 * script without that header is refused: every script documents its keys, arguments and
 * return values.
 */
export function loadScript(name: string, dir = LUA_DIR): StoreScript {
  const source = readFileSync(join(dir, `${name}.lua`), 'utf8');
  const header = /^-- KEYS:(.*)$/m.exec(source);
  if (header === null) throw new Error(`lua/${name}.lua has no '-- KEYS:' header`);
  const numbers = [...(header[1] as string).matchAll(/(\d+)\s/g)].map((m) => Number(m[1]));
  const numberOfKeys = numbers.length === 0 ? 0 : Math.max(...numbers);
  // A key the header does not count would arrive as an argument: refuse the script instead.
  const used = Math.max(0, ...[...source.matchAll(/KEYS\[(\d+)\]/g)].map((m) => Number(m[1])));
  if (used > numberOfKeys) throw new Error(`lua/${name}.lua uses KEYS[${used}] but its '-- KEYS:' line lists ${numberOfKeys}`);
  const version = createHash('sha1').update(source).digest('hex').slice(0, 10);
  return { name, command: `sb_${name}_${version}`, numberOfKeys, source };
}

/** Something that runs a registered script: keys first, then arguments. */
export type ScriptCall = (keys: readonly string[], args: ReadonlyArray<string | number>) => Promise<unknown>;

/**
 * Registers the scripts on a connection with `defineCommand` and returns a caller per script.
 * ioredis sends EVALSHA and falls back to EVAL when the server answers NOSCRIPT (after a Redis
 * restart, a failover or SCRIPT FLUSH), so a lost script cache is reloaded transparently.
 */
export function registerScripts<N extends string>(redis: Redis, names: readonly N[], dir = LUA_DIR): Record<N, ScriptCall> {
  const out = {} as Record<N, ScriptCall>;
  for (const name of names) {
    const s = loadScript(name, dir);
    redis.defineCommand(s.command, { numberOfKeys: s.numberOfKeys, lua: s.source });
    const fn = (redis as unknown as Record<string, (...a: Array<string | number>) => Promise<unknown>>)[s.command] as (...a: Array<string | number>) => Promise<unknown>;
    out[name] = (keys, args) => fn.call(redis, ...keys, ...args);
  }
  return out;
}
