/** Random mutations of JSON definitions, for fuzzing the validators with almost-valid input. */
import fc from 'fast-check';

type Json = unknown;

/** Values that are almost right somewhere: phase names, answer ids, inherited names, edge numbers. */
const TRICKY_VALUES = ['', 'decline', 'offer', 'close', 'nowhere', 'greet', 'toString', '__proto__', -1, 1001, Number.NaN];
type Key = string | number;

/** One edit: at `path`, replace the value, delete the key, or put in another value of the same document. */
export interface Mutation {
  readonly path: readonly Key[];
  readonly kind: 'replace' | 'delete' | 'swap';
  readonly value: unknown;
  readonly donor: readonly Key[];
}

/** Every path to a value inside `doc` (the root excluded). */
export function pathsOf(doc: Json, prefix: readonly Key[] = []): Key[][] {
  if (typeof doc !== 'object' || doc === null) return [];
  const entries: [Key, unknown][] = Array.isArray(doc) ? doc.map((v, i) => [i, v]) : Object.entries(doc);
  return entries.flatMap(([key, value]) => [[...prefix, key], ...pathsOf(value, [...prefix, key])]);
}

function getAt(doc: Json, path: readonly Key[]): unknown {
  return path.reduce<unknown>((node, key) => (typeof node === 'object' && node !== null ? (node as Record<Key, unknown>)[key] : undefined), doc);
}

/** Applies `mutation` to `doc` in place; a path that no longer exists is ignored. */
export function applyMutation(doc: Json, mutation: Mutation): void {
  const parent = getAt(doc, mutation.path.slice(0, -1));
  const key = mutation.path.at(-1);
  if (typeof parent !== 'object' || parent === null || key === undefined) return;
  const record = parent as Record<Key, unknown>;
  if (mutation.kind === 'delete') {
    if (Array.isArray(parent) && typeof key === 'number') parent.splice(key, 1);
    else delete record[key];
  } else {
    record[key] = mutation.kind === 'replace' ? mutation.value : structuredClone(getAt(doc, mutation.donor));
  }
}

/** `doc` (a JSON copy) with one to four random mutations. */
export function mutated(doc: Json): fc.Arbitrary<unknown> {
  const paths = pathsOf(doc);
  const path = fc.constantFrom(...paths);
  const mutation: fc.Arbitrary<Mutation> = fc.record({
    path,
    kind: fc.constantFrom('replace', 'delete', 'swap'),
    value: fc.oneof(fc.anything(), fc.constantFrom(...TRICKY_VALUES)),
    donor: path,
  });
  return fc.array(mutation, { minLength: 1, maxLength: 4 }).map((mutations) => {
    const copy = JSON.parse(JSON.stringify(doc)) as Json;
    for (const m of mutations) applyMutation(copy, m);
    return copy;
  });
}
