import fc from 'fast-check';

/** The JSON Schema subset the API's TypeBox schemas use. */
export interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  patternProperties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
}

/** Ids that exist in the test domain, so generated requests reach real objects as often as junk. */
export const KNOWN_IDS = ['ann', 'bob', 'cat', 'sales', 'support', 'cust-1', 'cust-2', 'admin', 'sue', 'c1', 'c2', 'k1', 'R1'];

const NASTY_STRINGS = ['', ' ', 'null', '0', '-1', '1e309', '../../etc/passwd', '%00', '\u0000', '🙂📞', 'Ω'.repeat(300), 'a'.repeat(5000), '<script>', "'; DROP TABLE x; --", 'sales>=', '!(', 'sales>=9', '+7 000', '8 (812) 997-83-63', 'tel:+78129978363'];

const str = (s: JsonSchema): fc.Arbitrary<string> => fc.oneof(
  fc.constantFrom(...KNOWN_IDS),
  fc.constantFrom(...NASTY_STRINGS),
  s.pattern === undefined ? fc.string({ maxLength: s.maxLength ?? 40 }) : fc.stringMatching(new RegExp(s.pattern)),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);

const num = (s: JsonSchema, integer: boolean): fc.Arbitrary<number> => fc.oneof(
  integer ? fc.integer({ min: s.minimum ?? -1e6, max: s.maximum ?? 1e6 }) : fc.double({ min: s.minimum ?? -1e6, max: s.maximum ?? 1e6, noNaN: true }),
  fc.constantFrom(-1, 0, 1, 5, 6, 1.5, 1e12, -0, Number.MAX_SAFE_INTEGER),
);

function objectOf(s: JsonSchema, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const props = Object.entries(s.properties ?? {}).map(([k, v]) => [k, k === 'waitSeconds' ? fc.constantFrom(0, 0.01) : valueOf(v, depth + 1)] as const);
  const record = fc.record(Object.fromEntries(props), { requiredKeys: (s.required ?? []).filter((k) => k in (s.properties ?? {})) });
  const pattern = Object.values(s.patternProperties ?? {})[0];
  if (pattern !== undefined) return fc.dictionary(fc.oneof(fc.constantFrom('sales', 'support', 'voice'), fc.string({ maxLength: 8 })), valueOf(pattern, depth + 1), { maxKeys: 4 });
  return record as fc.Arbitrary<Record<string, unknown>>;
}

/** Values that mostly fit the schema (so requests get past validation into the service), sometimes not. */
export function valueOf(s: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 6) return fc.constant(null);
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum !== undefined) return fc.constantFrom(...s.enum);
  if (s.anyOf !== undefined) return fc.oneof(...s.anyOf.map((x) => valueOf(x, depth + 1)));
  switch (s.type) {
    case 'string': return str(s);
    case 'number': return num(s, false);
    case 'integer': return num(s, true);
    case 'boolean': return fc.boolean();
    case 'null': return fc.constant(null);
    case 'array': return fc.array(valueOf(s.items ?? {}, depth + 1), { maxLength: Math.min(s.maxItems ?? 4, 4) });
    case 'object': return objectOf(s, depth);
    default: return fc.jsonValue({ maxDepth: 2 });
  }
}

/** A value that fits, one that is anything at all, or one field broken. */
export function fuzzValue(s: JsonSchema): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: valueOf(s), weight: 6 },
    { arbitrary: fc.anything({ maxDepth: 3 }), weight: 1 },
    { arbitrary: fc.tuple(valueOf(s), fc.string({ maxLength: 12 }), fc.anything({ maxDepth: 2 })).map(([v, k, x]) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? { ...v, [k]: x } : v)), weight: 2 },
  );
}
