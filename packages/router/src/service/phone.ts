import { parsePhoneNumberFromString, type CountryCode, type PhoneNumber as ParsedNumber } from 'libphonenumber-js/max';
import { ServiceError } from './service-errors.js';

/**
 * A caller number in E.164 with where it is from: the country (ISO 3166, undefined for
 * non-geographic numbers such as +800), the calling code and the national significant number
 * (a prefix → region table matches on these), and the extension dialled after it, if any
 * (never part of the E.164).
 */
export interface PhoneNumber {
  readonly e164: string;
  readonly country: string | undefined;
  readonly countryCallingCode: string;
  readonly nationalNumber: string;
  readonly extension?: string;
}

/** Longer input is refused before parsing: no PBX sends a number this long. */
const MAX_INPUT = 256;

/** `"Name" <sip:…>` → `sip:…` */
const inAngles = (s: string): string => /<([^<>]*)>/.exec(s)?.[1] ?? s;

function decoded(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * `sip:+78129978363@pbx;user=phone` → `tel:+78129978363`: the user part, whose own
 * parameters (`;ext=`, `;phone-context=`) a tel URI carries the same way.
 */
function sipToTel(s: string): string {
  const m = /^sips?:([^@]*)@?/i.exec(s);
  return m === null ? s : `tel:${decoded(m[1] ?? '')}`;
}

/** The text libphonenumber reads: URIs unwrapped, full-width digits and plus made ASCII. */
function bare(raw: string): string {
  const s = inAngles(raw.normalize('NFKC').trim()).trim();
  if (/^sips?:/i.test(s)) return sipToTel(s);
  return /^tel:/i.test(s) ? `tel:${s.slice(4)}` : s;
}

function valid(text: string, defaultCountry: string | undefined): ParsedNumber | undefined {
  const p = parsePhoneNumberFromString(text, defaultCountry as CountryCode | undefined);
  return p !== undefined && p.isValid() ? p : undefined;
}

/**
 * `00` is the international prefix nearly everywhere: `00 7 812…` is +7 812… even when the
 * default country's own prefix differs (Russia dials 810, the US 011). No numbering plan has
 * national numbers starting with 00, so the international reading is tried first — inside a
 * `tel:` (or unwrapped `sip:`) URI too.
 */
function parsed(text: string, defaultCountry: string | undefined): ParsedNumber | undefined {
  const idd = /^(tel:)?([\s(.\-/]*)00/i.exec(text);
  const international = idd === null ? undefined : valid(`${idd[1] ?? ''}+${text.slice(idd[0].length)}`, undefined);
  return international ?? valid(text, defaultCountry);
}

/**
 * Reads a number as PBXs and people write it — `8 (812) 997-83-63` (national, with the default
 * country), `+7 812 997-83-63`, `00 7 812…`, `tel:`/`sip:` URIs, an extension (`;ext=12`,
 * ` ext. 12`, `x12`) and surrounding junk — or undefined when it is not a valid number.
 * Never throws.
 *
 * @example
 * parseNumber('8 (812) 997-83-63 ext. 12', 'RU');
 * // { e164: '+78129978363', country: 'RU', countryCallingCode: '7', nationalNumber: '8129978363', extension: '12' }
 */
export function parseNumber(raw: string, defaultCountry?: string): PhoneNumber | undefined {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_INPUT) return undefined;
  try {
    const p = parsed(bare(raw), defaultCountry);
    if (p === undefined) return undefined;
    return {
      e164: p.number, country: p.country, countryCallingCode: p.countryCallingCode, nationalNumber: p.nationalNumber,
      ...(p.ext === undefined || p.ext === '' ? {} : { extension: p.ext }),
    };
  } catch {
    return undefined; // libphonenumber does not throw from this call; a future version must not crash routing either
  }
}

/** What an error message may show of a caller's input: short, one line. */
const shown = (raw: string): string => JSON.stringify(String(raw).slice(0, 64));

/**
 * {@link parseNumber}, throwing PHONE_INVALID (a {@link ServiceError}) for anything that is not
 * a valid number: empty, too long, letters, too few digits, a number no country has.
 */
export function normalizeNumber(raw: string, defaultCountry?: string): PhoneNumber {
  const n = parseNumber(raw, defaultCountry);
  if (n === undefined) throw new ServiceError('PHONE_INVALID', `${shown(raw)} is not a valid number`);
  return n;
}
