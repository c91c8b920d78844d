import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runWfmCommand } from '../../src/wfm-cli.js';

const root = join(import.meta.dirname, '../../../..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('<!-- wfm-readme:start -->'), readme.indexOf('<!-- wfm-readme:end -->'));
const examples = [...section.matchAll(/```sh\nnpx switchboard ([^\n]+)\n```\n```json\n([\s\S]*?)\n```/g)].map(([, command, output]) => ({
  args: (command as string).split(' '),
  output: output as string,
}));

/** Runs a README command in this process (cli.test.ts runs the real bin); `--svg` goes to a temporary file. */
function run(args: string[], svg: string): string {
  const out: string[] = [];
  const at = args.indexOf('--svg');
  const argv = at < 0 ? args : [...args.slice(0, at + 1), svg, ...args.slice(at + 2)];
  const code = runWfmCommand(argv[0] as string, argv.slice(1), { out: (s) => out.push(s), err: () => {} });
  expect(code, args.join(' ')).toBe(0);
  return out.join('\n');
}

describe('README, Workforce management', () => {
  it('shows four commands', () => {
    expect(examples.map((e) => e.args[0])).toEqual(['erlang', 'erlang', 'simulate', 'what-if']);
  });

  it('shows the real output of each command (an excerpt where it starts with …)', () => {
    const svg = join(mkdtempSync(join(tmpdir(), 'sb-readme-')), 'sl.svg');
    for (const e of examples) {
      const actual = run(e.args, svg);
      if (!e.output.startsWith('…')) {
        expect(actual, e.args.join(' ')).toBe(e.output);
        continue;
      }
      const lines = actual.split('\n');
      let from = 0;
      for (const line of e.output.split('\n').filter((l) => l !== '…')) {
        const found = lines.indexOf(line, from);
        expect(found, `${e.args.join(' ')}: ${line}`).toBeGreaterThanOrEqual(from);
        from = found + 1;
      }
    }
    // the chart in docs/ is the one the simulate command draws
    expect(readFileSync(join(root, 'docs/wfm-service-level.svg'), 'utf8')).toBe(readFileSync(svg, 'utf8'));
  });
});
