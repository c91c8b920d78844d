import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCoreBench, targets } from './core-bench.js';

/**
 * `npm run bench:core`: the routing core against a naive scanning baseline at 1k, 10k and 100k
 * agents, written to benchmarks/results/core.json. BENCH_SMOKE=1 runs tiny iteration counts
 * (a check that the suite works, not a measurement).
 */
const smoke = process.env.BENCH_SMOKE === '1';
const folder = join(dirname(fileURLToPath(import.meta.url)), 'results');
mkdirSync(folder, { recursive: true });

const sizes = (process.env.BENCH_SIZES ?? (smoke ? '1000' : '1000,10000,100000')).split(',').map(Number);
const runs = await runCoreBench({
  sizes,
  maxTime: smoke ? 0.05 : 5,
  minSamples: smoke ? 1 : 5,
  latencySamples: smoke ? 200 : 200_000,
  folder,
});
const result = {
  date: new Date().toISOString(),
  node: process.version,
  smoke,
  workload: 'steady mix: one arrival (reserved or queued) and one completion (freed agent takes waiting work or goes idle) per iteration; offers accepted at once; 95 % of agents busy; AHT 5 min simulated; 50 skills, 200 queues x 3 steps, value tiers on',
  runs,
  targets: targets(runs),
};
const file = join(folder, smoke ? 'core-smoke.json' : 'core.json');
writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
console.table(runs);
console.log(result.targets);
console.log(`wrote ${file}`);
