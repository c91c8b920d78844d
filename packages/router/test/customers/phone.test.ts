import fc from 'fast-check';
import { getCountries, getExampleNumber, type CountryCode, type PhoneNumber as Example } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/mobile/examples';
import { describe, expect, it } from 'vitest';
import { normalizeNumber, parseNumber } from '../../src/service/phone.js';
import { ServiceError } from '../../src/service/service-errors.js';

/** A valid mobile number of every country libphonenumber has an example for. */
const EXAMPLES: Array<{ country: string; n: Example }> = getCountries()
  .map((country) => ({ country, n: getExampleNumber(country as CountryCode, examples) }))
  .filter((x): x is { country: CountryCode; n: Example } => x.n !== undefined && x.n.isValid());

const fullWidth = (s: string): string => s.replace(/[0-9+]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));

/** The number's digits (after +) with random separators between them, as people type them. */
const separated = (digits: string) =>
  fc.array(fc.constantFrom('', '', '', ' ', '-', '.', ' - '), { minLength: digits.length, maxLength: digits.length })
    .map((seps) => [...digits].map((d, i) => d + (i < digits.length - 1 ? (seps[i] ?? '') : '')).join(''));

/** Every way a PBX or a person may write the number; each is read with the default country given. */
function writings(ex: { country: string; n: Example }): fc.Arbitrary<{ text: string; defaultCountry: string | undefined; ext?: string }> {
  const { n, country } = ex;
  const national = n.formatNational();
  const plain = fc.constantFrom(
    { text: n.number, defaultCountry: undefined },
    { text: n.formatInternational(), defaultCountry: undefined },
    { text: n.formatInternational(), defaultCountry: country === 'US' ? 'RU' : 'US' }, // + wins over any default country
    { text: national, defaultCountry: country },
    { text: n.getURI(), defaultCountry: undefined },
    { text: `00${n.countryCallingCode}${n.nationalNumber}`, defaultCountry: country },
    { text: `00 ${n.countryCallingCode} ${n.nationalNumber}`, defaultCountry: undefined },
    { text: `sip:${n.number}@pbx.example;user=phone`, defaultCountry: undefined },
    { text: `"Caller" <sip:${n.nationalNumber}@pbx.example>`, defaultCountry: country },
    { text: fullWidth(n.formatInternational()), defaultCountry: undefined },
    { text: `Tel.: ${n.formatInternational()} (mobile)`, defaultCountry: undefined },
  );
  const spaced = separated(n.number.slice(1)).map((d) => ({ text: `+${d}`, defaultCountry: undefined }));
  const withExt = fc.tuple(fc.constantFrom(';ext=', ' ext. ', ' x', ' ext '), fc.stringMatching(/^[1-9][0-9]{0,4}$/), fc.constantFrom<[string, string | undefined]>([n.number, undefined], [national, country]))
    .map(([sep, ext, [text, defaultCountry]]) => ({ text: sep === ';ext=' ? `tel:${n.number}${sep}${ext}` : `${text}${sep}${ext}`, defaultCountry, ext }));
  return fc.oneof(plain, spaced, withExt);
}

describe('normalizeNumber', () => {
  it.each([
    ['8 (812) 997-83-63', 'RU', '+78129978363'],
    ['+7 812 997-83-63', undefined, '+78129978363'],
    ['00 7 812 997 83 63', 'RU', '+78129978363'],
    ['810 7 812 997 83 63', 'RU', '+78129978363'],
    ['tel:+7-812-997-83-63', undefined, '+78129978363'],
    ['sip:+78129978363@kamailio.example;user=phone', undefined, '+78129978363'],
    ['<sips:88129978363@kamailio.example>', 'RU', '+78129978363'],
    ['+1 (201) 555-0123', 'RU', '+12015550123'],
    ['+800 1234 5678', undefined, '+80012345678'],
    ['sip:0078129978363@pbx.example;user=phone', 'RU', '+78129978363'], // 00 inside a URI too
    ['tel:0078129978363', 'RU', '+78129978363'],
  ])('reads %j (default %s) as %s', (text, dc, e164) => {
    expect(normalizeNumber(text, dc).e164).toBe(e164);
  });

  it('keeps the extension apart and gives country, calling code and national number', () => {
    for (const text of ['+7 812 997-83-63 ext. 12', '8 812 997 83 63 x12', 'tel:+78129978363;ext=12', 'sip:+78129978363;ext=12@pbx']) {
      expect(normalizeNumber(text, 'RU')).toEqual({ e164: '+78129978363', country: 'RU', countryCallingCode: '7', nationalNumber: '8129978363', extension: '12' });
    }
    expect(normalizeNumber('+78129978363')).not.toHaveProperty('extension');
    expect(normalizeNumber('+800 1234 5678').country).toBeUndefined();
  });

  it.each(['', '+', 'abc', '12', '1-800-FLOWERS', '+7 812', '+999 1234567', 'tel:', 'sip:@host', '8 (812) 997-83-63', '\u0000', '9'.repeat(300)])(
    'refuses %j with PHONE_INVALID', (text) => {
      expect(() => normalizeNumber(text)).toThrowError(expect.objectContaining({ code: 'PHONE_INVALID', status: 400 }));
    },
  );

  it(`maps every valid number (${EXAMPLES.length} countries) written in any accepted form to the same E.164`, () => {
    expect(EXAMPLES.length).toBeGreaterThan(200);
    const arb = fc.constantFrom(...EXAMPLES).chain((ex) => writings(ex).map((w) => ({ ex, w })));
    fc.assert(fc.property(arb, ({ ex, w }) => {
      const got = normalizeNumber(w.text, w.defaultCountry);
      expect(got.e164, `${JSON.stringify(w.text)} (default ${w.defaultCountry ?? '-'})`).toBe(ex.n.number);
      expect(got.countryCallingCode).toBe(ex.n.countryCallingCode);
      expect(got.nationalNumber).toBe(ex.n.nationalNumber);
      expect(got.extension).toBe(w.ext);
    }), { numRuns: 1500, seed: 6_2026 });
  });

  it('reads every example number in each fixed form (all countries, no sampling)', () => {
    for (const ex of EXAMPLES) {
      const forms: Array<[string, string | undefined]> = [[ex.n.number, undefined], [ex.n.formatNational(), ex.country], [ex.n.getURI(), undefined], [`00${ex.n.countryCallingCode}${ex.n.nationalNumber}`, ex.country]];
      for (const [text, dc] of forms) expect(parseNumber(text, dc)?.e164, `${ex.country} ${text}`).toBe(ex.n.number);
    }
  });

  it('answers any string with a normalised number or PHONE_INVALID, never another error', () => {
    const anyText = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 80 }),
      fc.string({ unit: fc.constantFrom(...'0123456789+-() .;=#xext:telsip@<>"\u00a0\uff10\uff0b'), maxLength: 40 }),
      fc.string({ unit: 'grapheme', minLength: 200, maxLength: 400 }),
      fc.constantFrom(...EXAMPLES).chain(({ n }) => fc.tuple(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 })).map(([a, b]) => `${a}${n.number}${b}`)),
    );
    fc.assert(fc.property(anyText, fc.option(fc.constantFrom('RU', 'US', 'DE', 'GB', 'IN'), { nil: undefined }), (text, dc) => {
      let got;
      try {
        got = normalizeNumber(text, dc);
      } catch (e) {
        expect(e).toBeInstanceOf(ServiceError);
        expect((e as ServiceError).code).toBe('PHONE_INVALID');
        expect((e as ServiceError).message.length).toBeLessThan(200);
        return;
      }
      expect(got.e164).toMatch(/^\+[1-9][0-9]{1,14}$/);
      expect(normalizeNumber(got.e164).e164).toBe(got.e164); // E.164 is a fixed point
      expect(got.e164.endsWith(got.nationalNumber)).toBe(true);
    }), { numRuns: 3000, seed: 6_2027 });
  });

  it('refuses huge input at once (no parse of megabytes)', () => {
    expect(parseNumber(`+7812997836${'3'.repeat(5_000_000)}`)).toBeUndefined();
    expect(parseNumber(undefined as unknown as string)).toBeUndefined();
  });
});
