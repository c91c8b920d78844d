import { LRUCache } from 'lru-cache';
import { parseNumber, type PhoneNumber } from './phone.js';

/**
 * What a PBX's caller-id says, as routing needs it: a number, a number the caller withheld, or
 * text that is not a valid number. A PBX never loses a call over its caller-id: only `number`
 * identifies the caller; the other two are routed unidentified. Pure.
 */
export type CallerNumber =
  | { readonly kind: 'number'; readonly number: PhoneNumber }
  | { readonly kind: 'withheld' }
  | { readonly kind: 'invalid' };

/** Why a call carries no usable caller number (noted on the routed call as `callerNumber`). */
export type CallerNumberProblem = Exclude<CallerNumber['kind'], 'number'>;

/**
 * Words PBXs and carriers put in place of a withheld number (CLIR, "private" presentation,
 * RFC 3323 `anonymous@anonymous.invalid`).
 */
const WITHHELD_WORDS = new Set([
  '', 'anonymous', 'unknown', 'restricted', 'private', 'withheld', 'unavailable', 'blocked',
  'not available', 'unavailable number', 'no caller id', 'none', 'null',
]);

/** The user part of a SIP/tel URI (`"Anonymous" <sip:anonymous@anonymous.invalid>` → `anonymous`), lowercase. */
function userPart(raw: string): { user: string; host: string | undefined } {
  const s = (/<([^<>]*)>/.exec(raw)?.[1] ?? raw).trim().toLowerCase();
  const uri = /^(?:sips?|tel):([^@;]*)(?:@([^;>]*))?/.exec(s);
  if (uri === null) return { user: s.replace(/^"|"$/g, '').trim(), host: undefined };
  return { user: (uri[1] ?? '').trim(), host: uri[2]?.trim() };
}

/** Whether a caller-id stands for a withheld number rather than for one that is malformed. */
export function isWithheld(raw: string | undefined): boolean {
  if (raw === undefined) return true;
  const text = raw.normalize('NFKC').trim();
  if (text === '') return true;
  const { user, host } = userPart(text);
  return WITHHELD_WORDS.has(user) || host === 'anonymous.invalid' || WITHHELD_WORDS.has(text.toLowerCase().replace(/^"|"$/g, ''));
}

/**
 * Readings of recent caller-ids: the same customers call again and again, and libphonenumber
 * takes tens of microseconds per number, several percent of a routed call. Bounded: the least
 * recently read go first. Readings are frozen, so sharing one between calls is safe.
 */
const readings = new LRUCache<string, CallerNumber>({ max: 10_000 });
/** Longer caller-ids are read every time rather than kept (a PBX sends at most 64 characters). */
const MAX_REMEMBERED = 256;

/**
 * Reads a caller-id as sent by a PBX: absent, empty or one of the usual "withheld" markers is
 * `withheld`; a number libphonenumber reads (with the default country) is `number`; anything
 * else is `invalid`. Never throws.
 *
 * @example
 * readCallerNumber('sip:anonymous@anonymous.invalid', 'RU'); // { kind: 'withheld' }
 * readCallerNumber('8 (812) 997-83-63', 'RU');              // { kind: 'number', number: { e164: '+78129978363', … } }
 * readCallerNumber('12', 'RU');                             // { kind: 'invalid' }
 */
export function readCallerNumber(raw: string | undefined, defaultCountry: string | undefined): CallerNumber {
  if (raw === undefined || raw.length > MAX_REMEMBERED) return readingOf(raw, defaultCountry);
  const key = `${defaultCountry ?? ''}|${raw}`;
  let reading = readings.get(key);
  if (reading === undefined) readings.set(key, (reading = readingOf(raw, defaultCountry)));
  return reading;
}

function readingOf(raw: string | undefined, defaultCountry: string | undefined): CallerNumber {
  if (isWithheld(raw)) return WITHHELD;
  const number = parseNumber(raw as string, defaultCountry);
  return number === undefined ? INVALID : Object.freeze({ kind: 'number', number: Object.freeze(number) });
}

const WITHHELD: CallerNumber = Object.freeze({ kind: 'withheld' });
const INVALID: CallerNumber = Object.freeze({ kind: 'invalid' });
