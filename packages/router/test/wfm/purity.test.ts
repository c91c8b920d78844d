import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const srcDir = new URL('../../src/wfm/', import.meta.url);
const sources = readdirSync(srcDir)
  .filter((name) => name.endsWith('.ts'))
  .map((name) => ({ name, text: readFileSync(new URL(name, srcDir), 'utf8') }));

describe('wfm purity', () => {
  it('has source files to check', () => {
    expect(sources.length).toBeGreaterThan(20);
  });

  it.each(sources)('$name imports only wfm, the routing core and the skills package, and reads no clock, timer or global randomness', ({ text }) => {
    const specifiers = [...text.matchAll(/\bfrom\s+'([^']+)'|\bimport\s*\(\s*'([^']+)'/g)].map((m) => m[1] ?? m[2]);
    for (const specifier of specifiers) expect(specifier).toMatch(/^(\.\/[a-z0-9-]+\.js|\.\.\/core\/[a-z0-9-]+\.js|@switchboard\/skills)$/);
    expect(text).not.toMatch(/\bDate\.now\b|Math\.random\b|\bsetTimeout\b|\bsetInterval\b|\bsetImmediate\b|\bprocess\./);
  });
});
