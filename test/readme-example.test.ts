import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

describe('the README library example', () => {
  it('is examples/quickstart.ts, word for word', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const example = readFileSync(join(root, 'examples/quickstart.ts'), 'utf8').trimEnd();
    expect(readme).toContain(example);
  });

  it('runs as written and routes as its comments say', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'examples/quickstart.ts'], { cwd: root, encoding: 'utf8' });
    const lines = out.split('\n');
    expect(lines.slice(0, 4)).toEqual(['offer call-1 -> ann', 'queued', 'offer call-2 -> bob', 'bob']);
    expect(out).toMatch(/waiting: 0/);
    expect(out).toMatch(/answered: 1/);
  });
});
