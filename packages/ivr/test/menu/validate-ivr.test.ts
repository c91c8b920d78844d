import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEMO_IVR, isIvrError, validateIvr, type IvrDefinition } from '@switchboard/ivr';

function problems(raw: unknown): string[] {
  try {
    validateIvr(raw);
    return [];
  } catch (e) {
    if (!isIvrError(e, 'IVR_DEFINITION_INVALID')) throw e;
    return e.problems.map((p) => `${p.path}: ${p.message}`);
  }
}

/** A mutable copy of the demo, nodes as plain records (tests break them on purpose). */
type Loose = Omit<IvrDefinition, 'nodes'> & { nodes: Record<string, Record<string, unknown>> };
const clone = (): Loose => JSON.parse(JSON.stringify(DEMO_IVR)) as Loose;

describe('validateIvr', () => {
  it('accepts the demo', () => {
    expect(problems(DEMO_IVR)).toEqual([]);
  });

  it('names a missing target, with the node', () => {
    const d = clone();
    d.nodes.sales = { type: 'play', prompt: { text: 'x' }, next: 'nowhere' };
    expect(problems(d)).toContain("nodes.sales: leads to 'nowhere', which is not a node");
  });

  it('names an unreachable node', () => {
    const d = clone();
    d.nodes.orphan = { type: 'end' };
    expect(problems(d)).toEqual(['nodes.orphan: is unreachable from start']);
  });

  it('names a loop without exit', () => {
    const d = clone();
    d.nodes.main = { type: 'menu', prompt: { text: 'x' }, options: [{ key: '1', next: 'spin' }], onFail: 'spin' };
    d.nodes.spin = { type: 'play', prompt: { text: 'again' }, next: 'main' };
    expect(problems(d)).toEqual(expect.arrayContaining(['nodes.main: is in a loop without exit: no path from it ends the call']));
  });

  it('names a menu that keeps a silent caller forever', () => {
    const d = clone();
    d.nodes.main = { ...d.nodes.main, onFail: 'language' };
    d.nodes.language = { ...d.nodes.language, onFail: 'main' };
    expect(problems(d)).toEqual(expect.arrayContaining(['nodes.main: keeps a silent caller forever: its onFail chain never reaches an exit']));
  });

  it('names option collisions: the same key, the same keyword', () => {
    const d = clone();
    const main = d.nodes.main as unknown as { options: Array<Record<string, unknown>> };
    main.options.push({ key: '1', next: 'sales' }, { key: '8', next: 'sales', keywords: ['Ticket'] });
    expect(problems(d)).toEqual([
      'nodes.main.options[6].key: collides with option 0 (key \'1\')',
      "nodes.main.options[7].keywords: 'Ticket' collides with option 1",
    ]);
  });

  it('names keywords that overlap: one contains another option\'s, so speech cannot tell them apart', () => {
    const d = clone();
    const main = d.nodes.main as unknown as { options: Array<Record<string, unknown>> };
    main.options[3] = { ...main.options[3], keywords: ['billing', 'complaint'] }; // option 2 says 'bill'
    main.options[5] = { ...main.options[5], keywords: ['operator', ' Sale '] };    // option 0 says 'sales'
    expect(problems(d)).toEqual([
      "nodes.main.options[3].keywords: 'billing' overlaps 'bill' of option 2: saying 'billing' also says 'bill', so recognition is ambiguous",
      "nodes.main.options[5].keywords: ' Sale ' overlaps 'sales' of option 0: saying 'sales' also says 'sale', so recognition is ambiguous",
    ]);
  });

  it("names a keyword that is another option's DTMF key", () => {
    const d = clone();
    const main = d.nodes.main as unknown as { options: Array<Record<string, unknown>> };
    main.options[0] = { ...main.options[0], keywords: ['buy', '2'] }; // option 1's key is 2
    main.options[1] = { ...main.options[1], keywords: ['ticket', '2'] }; // its own key: fine
    expect(problems(d)).toEqual([
      "nodes.main.options[0].keywords: '2' is the key of option 1: saying it would pick this option, not that one",
      "nodes.main.options[1].keywords: '2' collides with option 0",
    ]);
  });

  it('accepts keywords that only share letters, not one inside the other', () => {
    const d = clone();
    const main = d.nodes.main as unknown as { options: Array<Record<string, unknown>> };
    main.options[0] = { ...main.options[0], keywords: ['sales', 'salt'] };
    expect(problems(d)).toEqual([]);
  });

  it('checks values: time zone, clock times, keys, lengths, types', () => {
    const d = clone();
    d.nodes.hours = { ...d.nodes.hours, timeZone: 'Mars/Olympus', from: '25:00' };
    d.nodes.account = { ...d.nodes.account, minLength: 12 };
    d.nodes.closed = { type: 'menu', prompt: {}, options: [{ key: '99', next: 'callback' }], onFail: 'goodbye' };
    d.nodes.goodbye = { type: 'hologram' };
    expect(problems(d)).toEqual(expect.arrayContaining([
      "nodes.hours.timeZone: 'Mars/Olympus' is not a time zone",
      'nodes.hours.from: must match ^([01][0-9]|2[0-3]):[0-5][0-9]$',
      'nodes.account.minLength: must not exceed maxLength',
      'nodes.closed.prompt: must be { text } or { promptId }',
      'nodes.closed.options[0].key: must match ^[0-9*#]$',
      'nodes.goodbye.type: must be one of menu, collect, play, hours, lookup, route, callback, end, transfer',
    ]));
  });

  it('never crashes on anything: it returns or throws IVR_DEFINITION_INVALID', () => {
    const mutated = fc.tuple(fc.constantFrom(...Object.keys(DEMO_IVR.nodes)), fc.string({ maxLength: 12 }), fc.anything({ maxDepth: 3 })).map(([node, key, value]) => {
      const d = clone();
      d.nodes[node] = { ...d.nodes[node], [key]: value };
      return d;
    });
    fc.assert(fc.property(fc.oneof(fc.anything({ maxDepth: 4 }), mutated), (raw) => {
      try {
        validateIvr(raw);
      } catch (e) {
        if (!isIvrError(e, 'IVR_DEFINITION_INVALID')) throw e;
        expect(e.problems.length).toBeGreaterThan(0);
      }
    }), { numRuns: 2000 });
  });
});
