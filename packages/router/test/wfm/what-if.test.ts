import { describe, expect, it } from 'vitest';
import { checkScenario } from '../../src/wfm/scenario-check.js';
import { Simulation } from '../../src/wfm/simulation.js';
import { meanInterval } from '../../src/wfm/student-t.js';
import { drawTraffic } from '../../src/wfm/traffic.js';
import { WhatIf, checkWhatIf } from '../../src/wfm/what-if.js';
import { isWfmError } from '../../src/wfm/wfm-errors.js';

const skills = [{ id: 'sales' }, { id: 'tech' }];
const queues = [
  { id: 'sales', steps: [{ requirement: 'sales', afterSeconds: 0 }] },
  { id: 'tech', steps: [{ requirement: 'tech', afterSeconds: 0 }] },
];
const today = {
  seed: 11, intervalMinutes: 30, intervals: 6,
  domain: { skills, queues },
  agents: [{ id: 's', count: 6, skills: { sales: 4 } }, { id: 't', count: 6, skills: { tech: 4 } }],
  contactTypes: [
    { id: 'buy', queueId: 'sales', arrivals: { perHour: 120 }, handleTime: { kind: 'exponential', meanSeconds: 170 }, patience: { kind: 'exponential', meanSeconds: 90 } },
    { id: 'fix', queueId: 'tech', arrivals: { perHour: 60 }, handleTime: { kind: 'exponential', meanSeconds: 200 }, patience: { kind: 'exponential', meanSeconds: 90 } },
  ],
};
/** Cross-training: the tech agents also take sales calls (at a lower level, as a backup). */
const crossTrained = { domain: { skills, queues }, agents: [today.agents[0], { id: 't', count: 6, skills: { tech: 4, sales: 2 } }] };

function runToEnd(w: WhatIf): void {
  while (!w.run(5_000));
}

describe('what-if', () => {
  it('compares two configurations on the same traffic with paired intervals', () => {
    const s = checkScenario(today);
    const w = new WhatIf(s, checkWhatIf(s, crossTrained, 8));
    runToEnd(w);
    const r = w.result();
    expect(r.replications).toBe(8);
    const sl = r.queues.sales?.serviceLevel;
    expect(sl?.pairs).toBe(8);
    expect(sl?.difference).toBeGreaterThan(0.05); // backups help the overloaded sales queue…
    expect(sl?.low).toBeGreaterThan(0); // …and the interval says so
    expect(r.total.abandonmentRate.high).toBeLessThan(0);
    expect(r.queues.tech?.occupancy.difference).toBeGreaterThan(0); // tech agents now work more
  });

  it('feeds both configurations the same traffic: the same configuration twice differs by exactly zero', () => {
    const s = checkScenario(today);
    const w = new WhatIf(s, checkWhatIf(s, { domain: today.domain, agents: today.agents }, 3));
    runToEnd(w);
    for (const d of Object.values(w.result().total)) {
      expect(d.difference).toBe(0);
      expect([d.low, d.high]).toEqual([0, 0]);
    }
  });

  it('pairs replications on common random numbers: the difference varies far less than the KPIs themselves', () => {
    const s = checkScenario(today);
    const oneMore = { domain: today.domain, agents: [{ ...today.agents[0], count: 7 }, today.agents[1]] };
    const n = 20;
    const w = new WhatIf(s, checkWhatIf(s, oneMore, n));
    runToEnd(w);
    // the same pairs by hand: replication r's traffic through both configurations
    const base: number[] = [];
    const prop: number[] = [];
    for (let r = 0; r < n; r++) {
      const traffic = drawTraffic(s, r);
      for (const [scenario, out] of [[s, base], [checkScenario({ ...today, ...oneMore }), prop]] as const) {
        const sim = Simulation.create(scenario, { replication: r, traffic });
        sim.run();
        out.push(sim.result().queues.sales?.summary.serviceLevel as number);
      }
    }
    const paired = meanInterval(prop.map((p, i) => p - (base[i] as number)));
    const sl = w.result().queues.sales?.serviceLevel;
    expect(sl?.low).toBeCloseTo(paired.mean - paired.halfWidth, 12);
    expect(sl?.high).toBeCloseTo(paired.mean + paired.halfWidth, 12);
    // unpaired, the difference of two means would vary with both: √(var b + var p)
    const unpairedSd = Math.sqrt(meanInterval(base).sd ** 2 + meanInterval(prop).sd ** 2);
    expect(paired.sd).toBeLessThan(unpairedSd / 2);
    expect(sl?.low).toBeGreaterThan(0); // one more agent helps, and 20 paired replications show it
  });

  it('refuses a proposal that drops a queue the traffic uses, or too few replications', () => {
    const s = checkScenario(today);
    const noTech = { domain: { skills, queues: [queues[0]] }, agents: [today.agents[0]] };
    expect(() => checkWhatIf(s, noTech, 5)).toThrowError(/proposal.domain/);
    try {
      checkWhatIf(s, crossTrained, 1);
      expect.unreachable();
    } catch (e) {
      expect(isWfmError(e, 'WFM_INPUT_INVALID')).toBe(true);
      expect((e as Error).message).toContain('replications');
    }
  });
});
