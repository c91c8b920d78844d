/**
 * Shapes of the snapshot format (see encode-graph.ts): a plain or class object is written as a
 * shape id and its values. The encoder finds shapes with a trie over (key, kind of value); the
 * decoder makes each plain object from a template of its shape.
 */

/** A node of the shape trie: the keys and kinds of values so far, and the shape they end, if any. */
export interface ShapeNode {
  /** A letter per key so far: `u` undefined, `r` reference, `.` value. */
  readonly kinds: string;
  shape: number;
  /** Next key → the node for each kind of its value (undefined, reference, value). */
  readonly next: Map<string, [ShapeNode | undefined, ShapeNode | undefined, ShapeNode | undefined]>;
}

const KIND_LETTERS = 'ur.';

/** A trie node for the keys whose kinds of values are `kinds`, with no shape yet. */
export function newNode(kinds: string): ShapeNode {
  return { kinds, shape: -1, next: new Map() };
}

/** The node after `node` for one more key whose value is of `kind` (0 undefined, 1 reference, 2 value), made when new. */
export function child(node: ShapeNode, key: string, kind: 0 | 1 | 2): ShapeNode {
  let slots = node.next.get(key);
  if (slots === undefined) node.next.set(key, (slots = [undefined, undefined, undefined]));
  return (slots[kind] ??= newNode(node.kinds + KIND_LETTERS[kind]));
}

/**
 * Makes plain objects that already have the shape's keys, by cloning a template that JSON.parse
 * made: filling them then only overwrites properties. Adding many properties one by one instead
 * would leave big records (agents, contacts) in V8's slow dictionary mode.
 */
export function cloner(keys: readonly string[], kinds: string): (entry: readonly unknown[]) => object {
  let template: object | undefined;
  return (entry) => {
    template ??= JSON.parse(templateText(keys, kinds, entry)) as object;
    return { ...template };
  };
}

/**
 * The template's JSON: the first object of the shape gives it its kinds of values (a number
 * where it has a number, null for anything else), so numeric fields keep a numeric
 * representation when the objects are filled.
 */
function templateText(keys: readonly string[], kinds: string, entry: readonly unknown[]): string {
  const fields: string[] = [];
  let at = 1; // the entry's values: one per key that is not undefined
  for (let j = 0; j < keys.length; j++) {
    const v = kinds[j] === 'u' ? undefined : entry[at++];
    fields.push(`${JSON.stringify(keys[j])}:${kinds[j] === '.' ? kindOf(v) : 'null'}`);
  }
  return `{${fields.join(',')}}`;
}

function kindOf(v: unknown): string {
  if (typeof v === 'number') return Number.isInteger(v) ? '0' : '0.5';
  if (typeof v === 'string') return '""';
  if (typeof v === 'boolean') return 'false';
  return Array.isArray(v) && v.length === 1 && typeof v[0] === 'string' ? '0.5' : 'null'; // ["NaN"] & co.
}
