import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const srcDir = new URL('../../src/scripts/', import.meta.url);
const sources = readdirSync(srcDir, { recursive: true, encoding: 'utf8' })
  .filter((name) => name.endsWith('.ts'))
  .map((name) => ({ name, text: readFileSync(new URL(name, srcDir), 'utf8') }));

describe('scripts purity', () => {
  it('has source files to check', () => {
    expect(sources.length).toBeGreaterThan(10);
  });

  it.each(sources)('$name imports only xstate and relative .js modules, and reads no clock or randomness', ({ text }) => {
    const specifiers = [...text.matchAll(/\bfrom\s+'([^']+)'|\bimport\s*\(\s*'([^']+)'/g)].map((m) => m[1] ?? m[2]);
    for (const specifier of specifiers) expect(specifier).toMatch(/^(xstate|(\.\.?\/)+[a-z0-9/-]+\.js)$/);
    expect(text).not.toMatch(/\beval\s*\(|new\s+Function\b|\bDate\b|Math\.random\b|\bperformance\.now\b/);
  });
});
