import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isWithheld, readCallerNumber } from '../../src/service/caller-number.js';

describe('readCallerNumber', () => {
  it.each([
    undefined, '', ' ', 'anonymous', 'Anonymous', 'ANONYMOUS', 'unknown', 'restricted', 'private', 'withheld', 'unavailable',
    'sip:anonymous@anonymous.invalid', '"Anonymous" <sip:anonymous@anonymous.invalid>', '<sip:anonymous@anonymous.invalid>;tag=1928301774',
    'sips:anonymous@pbx.example', 'sip:someone@anonymous.invalid', 'tel:restricted', '"Private"',
  ])('reads %j as withheld', (raw) => {
    expect(readCallerNumber(raw, 'RU')).toEqual({ kind: 'withheld' });
  });

  it.each(['not a number', '12', 'sip:bob@pbx.example', '+0 000', '8 (812) 997', 'x'.repeat(300)])('reads %j as invalid', (raw) => {
    expect(readCallerNumber(raw, 'RU')).toEqual({ kind: 'invalid' });
  });

  it('reads a number as the normaliser does', () => {
    expect(readCallerNumber('8 (812) 997-83-63', 'RU')).toMatchObject({ kind: 'number', number: { e164: '+78129978363', country: 'RU' } });
    expect(readCallerNumber('"ACME" <sip:+78129978363@pbx.example;user=phone>', undefined)).toMatchObject({ kind: 'number', number: { e164: '+78129978363' } });
  });

  it('keeps recent readings, frozen, by caller-id and default country', () => {
    const first = readCallerNumber('8 (812) 997-83-63', 'RU');
    expect(readCallerNumber('8 (812) 997-83-63', 'RU')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(first.kind === 'number' && Object.isFrozen(first.number)).toBe(true);
    expect(readCallerNumber('8 (812) 997-83-63', 'US')).toEqual({ kind: 'invalid' }); // a national number reads by its country
  });

  it('answers any text with one of the three readings and never throws', () => {
    fc.assert(fc.property(fc.option(fc.string({ unit: 'binary', maxLength: 80 }), { nil: undefined }), (raw) => {
      const r = readCallerNumber(raw, 'RU');
      expect(['number', 'withheld', 'invalid']).toContain(r.kind);
      expect(r.kind === 'withheld').toBe(isWithheld(raw));
    }), { numRuns: 2_000 });
  });
});
