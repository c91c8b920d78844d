import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runSimBench } from './sim-bench.js';
import { FULL_DAY } from './sim-fixture.js';

/**
 * `npm run bench:sim`: one day of a 1,000-agent center (about 500,000 contacts, 50 skills, 200
 * queues) simulated on the real routing engine, against a FIFO M/M/N event loop on the same
 * arrivals; writes benchmarks/results/sim.json. BENCH_SMOKE=1 runs tiny sizes (a check that the
 * suite works, not a measurement).
 */
const smoke = process.env.BENCH_SMOKE === '1';
const folder = join(dirname(fileURLToPath(import.meta.url)), 'results');
mkdirSync(folder, { recursive: true });

const result = await runSimBench({
  size: smoke ? { agents: 50, hours: 1, contacts: 1000 } : FULL_DAY,
  slice: smoke ? { agents: 50, hours: 1, contacts: 500 } : { agents: 1000, hours: 1, contacts: 20_833 },
  maxTime: smoke ? 0.05 : 3,
  minSamples: smoke ? 1 : 5,
  folder,
  bennyFile: smoke ? 'sim-smoke-benny' : 'sim-benny',
});
const out = {
  ...result,
  date: new Date().toISOString(),
  node: process.version,
  smoke,
  workload: 'benchmarks/sim-fixture.ts: the core benchmark domain (50 skills, 200 queues x 3 steps, value-tier head starts) with every agent on shift all day, one Poisson contact type per queue, exponential handle times for ~88 % offered load, exponential patience (3 min), answers after 1 s',
};
const file = join(folder, smoke ? 'sim-smoke.json' : 'sim.json');
writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
console.log(JSON.stringify({ contacts: out.contacts, seconds: out.seconds, contacts_per_s: out.contacts_per_s, ratio_vs_baseline: out.ratio_vs_baseline, target: out.target }));
console.log(`wrote ${file}`);
