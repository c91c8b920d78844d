import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { ServiceError } from './service-errors.js';

/** A caller number in E.164 with where it is from (feeds routing by region). */
export interface PhoneNumber {
  readonly e164: string;
  readonly country: string | undefined;
}

/**
 * Normalises a number as PBXs send it (`8 (812) 997-83-63`, `+7…`, `tel:` and `sip:` URIs,
 * extensions) to E.164. Throws PHONE_INVALID for anything that is not a valid number.
 */
export function normalizeNumber(raw: string, defaultCountry?: string): PhoneNumber {
  const bare = raw.replace(/^(tel:|sips?:)/i, '').replace(/@.*$/, '').trim();
  if (bare.length === 0 || bare.length > 64) throw new ServiceError('PHONE_INVALID', `'${raw.slice(0, 64)}' is empty or too long`);
  const parsed = parsePhoneNumberFromString(bare, defaultCountry as CountryCode | undefined);
  if (parsed === undefined || !parsed.isValid()) throw new ServiceError('PHONE_INVALID', `'${raw.slice(0, 64)}' is not a valid number`);
  return { e164: parsed.number, country: parsed.country };
}
