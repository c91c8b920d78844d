import { describe, expect, it } from 'vitest';
import { SkillCatalogue, type SkillsError } from '../src/index.js';
import { thrown } from './arbitraries.js';

describe('SkillCatalogue', () => {
  const catalogue = SkillCatalogue.create([{ id: 'sales', name: 'Sales' }, { id: 'lang.ru' }, { id: 'product.tv-plus' }]);

  it('indexes skills 0..size-1 in definition order', () => {
    expect(catalogue.size).toBe(3);
    expect(catalogue.ids()).toEqual(['sales', 'lang.ru', 'product.tv-plus']);
    expect(['sales', 'lang.ru', 'product.tv-plus', 'nope'].map((id) => catalogue.indexOf(id))).toEqual([0, 1, 2, -1]);
    expect([0, 1, 2].map((i) => catalogue.idAt(i))).toEqual(['sales', 'lang.ru', 'product.tv-plus']);
    expect(catalogue.has('lang.ru')).toBe(true);
    expect(catalogue.has('lang')).toBe(false);
    expect(catalogue.definitions()[0]).toEqual({ id: 'sales', name: 'Sales' });
  });

  it('idAt outside the range is a programming error', () => {
    expect(() => catalogue.idAt(3)).toThrow(RangeError);
    expect(() => catalogue.idAt(-1)).toThrow(RangeError);
  });

  it('with() appends and leaves the original and existing indices unchanged', () => {
    const bigger = catalogue.with({ id: 'support', description: 'Tier 1' });
    expect(bigger.size).toBe(4);
    expect(bigger.indexOf('support')).toBe(3);
    expect(bigger.ids().slice(0, 3)).toEqual(catalogue.ids());
    expect(catalogue.has('support')).toBe(false);
    expect((thrown(() => bigger.with({ id: 'sales' })) as SkillsError).code).toBe('SKILL_DUPLICATE');
  });

  it('rejects duplicates with SKILL_DUPLICATE (409)', () => {
    const e = thrown(() => SkillCatalogue.create([{ id: 'a' }, { id: 'b' }, { id: 'a' }])) as SkillsError;
    expect([e.code, e.status]).toEqual(['SKILL_DUPLICATE', 409]);
    expect(e.message).toContain("'a'");
  });

  it.each([
    '', '1sales', '_x', '-x', 'sales.', '.sales', 'a..b', 'sales ru', 'lang/ru', 'ñ', 'a'.repeat(65),
    'and', 'OR', 'Not',
  ])('rejects the id %j with SKILL_ID_INVALID', (id) => {
    expect((thrown(() => SkillCatalogue.create([{ id }])) as SkillsError).code).toBe('SKILL_ID_INVALID');
  });

  it.each(['s', 'sales', 'lang.ru', 'product.tv-plus', 'x.1', 'A_b-c.D-e_f', 'andy', 'not.x', 'a'.repeat(64)])(
    'accepts the id %j',
    (id) => {
      expect(SkillCatalogue.create([{ id }]).ids()).toEqual([id]);
    },
  );

  it('rejects definitions that are not objects with a string id', () => {
    for (const def of [null, 'sales', { id: 3 }, {}]) {
      const e = thrown(() => SkillCatalogue.create([def as never])) as SkillsError;
      expect(e.code).toBe('SKILL_ID_INVALID');
    }
  });

  it('is immutable: handed-out lists cannot change it', () => {
    const ids = catalogue.ids() as string[];
    expect(() => ids.push('x')).toThrow(TypeError);
    expect(catalogue.size).toBe(3);
  });
});
