import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeOperation, encodeOperation, joinBatch, splitBatch, type Operation } from '../../packages/router/src/store/redis/operations.js';

/** Operations travel through the log as text; every process must apply exactly what the caller gave. */

const special = fc.constantFrom(undefined, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, '\n', '~', '"\\u0000"');
const data = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.jsonValue(), special, tie('list'), tie('object')),
  list: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(fc.oneof(fc.string(), fc.constant('__proto__')), tie('value'), { maxKeys: 4 }),
})).value;

describe('operations in the log', () => {
  it('decode, in any process, to what this process applies: undefined, NaN, ±Infinity, -0 and __proto__ keys included', () => {
    fc.assert(fc.property(data, (x) => {
      const op = ['enqueue', x] as unknown as Operation;
      const e = encodeOperation(op);
      expect(e.text).not.toContain('\n');
      expect(decodeOperation(e.text)).toStrictEqual(e.op);
      expect(splitBatch(joinBatch([e.text, e.text]))).toStrictEqual([e.op, e.op]);
    }), { numRuns: 500 });
  });

  it('refuse what is not data, with INPUT_INVALID', () => {
    for (const bad of [() => 1, Symbol('s'), 1n, new Date(0), new Map(), { '\u0000': 1 }]) {
      expect(() => encodeOperation(['enqueue', { id: 'x', queueId: 'q', data: bad }] as unknown as Operation)).toThrow(expect.objectContaining({ code: 'INPUT_INVALID' }));
    }
  });
});
