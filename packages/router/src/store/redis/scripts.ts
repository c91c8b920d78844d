import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ReplyError, type Redis } from 'ioredis';
import { transitionTablesLua } from './lua-tables.js';

const LUA_DIR = join(dirname(fileURLToPath(import.meta.url)), 'lua');

/** A Lua script of the store: its file name, versioned command name, key count and full source. */
export interface StoreScript {
  readonly name: string;
  /** `sb_<name>_<first 10 hex of sha1(source)>`: two router versions never run each other's code. */
  readonly command: string;
  readonly numberOfKeys: number;
  readonly source: string;
}

/**
 * Reads `<dir>/<name>.lua` (the store's `lua/` folder by default), prepends the shared prelude
 * and the lifecycle transition tables, and takes the key count from the header line
 * `-- KEYS: 1 …, 2 …` (the highest number listed; `-- KEYS: none` for none). A script without
 * that header is refused: every script documents its keys, arguments and error codes.
 */
export function loadScript(name: string, dir = LUA_DIR): StoreScript {
  const body = readFileSync(join(dir, `${name}.lua`), 'utf8');
  const header = /^-- KEYS:(.*)$/m.exec(body);
  if (header === null) throw new Error(`lua/${name}.lua has no '-- KEYS:' header`);
  const numbers = [...(header[1] as string).matchAll(/(\d+)\s/g)].map((m) => Number(m[1]));
  const numberOfKeys = numbers.length === 0 ? 0 : Math.max(...numbers);
  // Operation scripts declare `-- uses: lib` to get the engine library; the yardstick does not.
  const lib = /^-- uses: lib$/m.test(body) ? engineLibrary() : '';
  const source = [readFileSync(join(LUA_DIR, 'prelude.lua'), 'utf8'), transitionTablesLua(), lib, body].join('\n');
  const version = createHash('sha1').update(source).digest('hex').slice(0, 10);
  return { name, command: `sb_${name}_${version}`, numberOfKeys, source };
}

/** The engine library: the files of lua/lib/ in name order, one chunk (they share locals). */
function engineLibrary(): string {
  const dir = join(LUA_DIR, 'lib');
  return readdirSync(dir).filter((f) => f.endsWith('.lua')).sort().map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
}

/** The engine as one Redis Functions library: its name, source, and the function name of each operation. */
export interface StoreLibrary<N extends string = string> {
  /** `sb_<first 10 hex of sha1(source)>`: two router versions never run each other's code. */
  readonly name: string;
  readonly source: string;
  /** Per operation: `sb_<name>_<library version>`. */
  readonly functions: Record<N, string>;
}

/**
 * The operation scripts (which all declare `-- uses: lib`) as one Redis Functions library: the
 * prelude, the transition tables and the engine library run once when Redis loads it, and each
 * script's body becomes a function `(KEYS, ARGV)` — the same code an EVAL of `loadScript` runs,
 * without executing the library chunk again on every call (about 22 µs of each EVALSHA).
 */
export function loadLibrary<N extends string>(names: readonly N[], dir = LUA_DIR): StoreLibrary<N> {
  const bodies = names.map((name) => {
    const body = readFileSync(join(dir, `${name}.lua`), 'utf8');
    if (!/^-- uses: lib$/m.test(body)) throw new Error(`lua/${name}.lua does not use the engine library`);
    if (!/^-- KEYS:/m.test(body)) throw new Error(`lua/${name}.lua has no '-- KEYS:' header`);
    return { name, body };
  });
  const head = [readFileSync(join(LUA_DIR, 'prelude.lua'), 'utf8'), transitionTablesLua(), engineLibrary()].join('\n');
  const version = createHash('sha1').update(head).update(bodies.map((b) => `${b.name}\n${b.body}`).join('\n')).digest('hex').slice(0, 10);
  const functions = {} as Record<N, string>;
  const registered = bodies.map(({ name, body }) => {
    functions[name] = `sb_${name}_${version}`;
    return `redis.register_function('${functions[name]}', function(KEYS, ARGV)\n${body}\nend)`;
  });
  const name = `sb_${version}`;
  return { name, source: [`#!lua name=${name}`, head, ...registered].join('\n'), functions };
}

/**
 * Loads the library into Redis (FUNCTION LOAD) unless it is there, and returns a caller per
 * operation (FCALL). Redis keeps functions with its data (RDB/AOF), but a server restarted
 * without persistence, a FUNCTION FLUSH or a failover to a replica that never saw the library
 * answers "Function not found": the caller loads the library again (once for all calls in
 * flight) and repeats the call, as NOSCRIPT is handled for EVALSHA.
 */
export function registerLibrary<N extends string>(redis: Redis, names: readonly N[], dir = LUA_DIR): { load: () => Promise<void>; calls: Record<N, ScriptCall> } {
  const lib = loadLibrary(names, dir);
  let loading: Promise<void> | undefined;
  const load = (): Promise<void> => {
    loading ??= redis.function('LOAD', lib.source).then(
      () => undefined,
      (e: unknown) => {
        // Another process (or another call of this one) loaded it first.
        if (!(e instanceof ReplyError && /already exists/.test((e as Error).message))) throw e;
      },
    ).finally(() => {
      loading = undefined;
    });
    return loading;
  };
  const calls = {} as Record<N, ScriptCall>;
  for (const name of names) {
    const fn = lib.functions[name];
    const call = (keys: readonly string[], args: ReadonlyArray<string | number>) => redis.fcall(fn, keys.length, ...keys, ...args);
    calls[name] = async (keys, args) => {
      try {
        return await call(keys, args);
      } catch (e) {
        if (!(e instanceof ReplyError && /Function not found/i.test((e as Error).message))) throw e;
        await load();
        return call(keys, args);
      }
    };
  }
  return { load, calls };
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
