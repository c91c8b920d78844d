import { describe, expect, it } from 'vitest';
import { queueMetrics } from '../../src/wfm/erlang.js';
import { batchInterval, fifoReference, runRecording, singleQueue } from './sim-fixture.js';

const rel = (x: number, ref: number) => Math.abs(x - ref) / ref;

/*
 * How long the runs must be. The statistical error of a simulated P(wait) or ASA is set by the
 * simulated time in handle times, not by the contacts: the queue's busy spells last a few
 * handle times whatever the load, and a load of A Erlangs brings A contacts per handle time.
 * Measured spread of the relative error per million contacts (16 seeds, FIFO M/M/N): 1 E on 2
 * agents 0.21 % (P(wait)) and 0.57 % (ASA); 5 E on 7: 0.61 % and 1.6 %; 50 E on 55: 1.8 % and
 * 4.6 %; 250 E on 270: 5.4 % and 12 %. A 95 % interval under 1 % for the ASA at 50 E would take
 * about 200 million contacts, at 250 E about a billion: too long for a test. So:
 *  - at 5, 50 and 250 E the simulator on the real engine is checked contact by contact against
 *    an independent FIFO M/M/N recursion fed the same traffic (an exact check, any length);
 *  - against Erlang C itself where a run of a few seconds makes the interval about half the 2 %
 *    tolerance or less: P(wait) and ASA at 1 E, P(wait) at 5 E (95 % batch-means intervals, 40
 *    batches, asserted too, so a shorter run cannot pass silently).
 */
describe('simulator on the real engine, single queue, no abandonment (Erlang C)', () => {
  it.each([
    { erlangs: 5, agents: 7 },
    { erlangs: 50, agents: 55 },
    { erlangs: 250, agents: 270 },
  ])('gives every contact the wait of a FIFO M/M/N recursion on the same traffic at $erlangs E', ({ erlangs, agents }) => {
    const ahtSeconds = 10;
    const hours = Math.ceil(60_000 / ((erlangs * 3600) / ahtSeconds)); // ≈ 60,000 contacts
    const { waits, traffic } = runRecording(singleQueue({ erlangs, agents, ahtSeconds, hours, warmUpMinutes: 5 }));
    const ref = fifoReference(traffic, agents).waits;
    let compared = 0;
    let waited = 0;
    for (let i = 0; i < traffic.count; i++) {
      if ((traffic.at[i] as number) < 0) continue;
      expect(Math.abs((waits[i] as number) - (ref[i] as number)), `contact ${i}`).toBeLessThan(1e-6);
      compared++;
      if ((ref[i] as number) > 0) waited++;
    }
    expect(compared).toBeGreaterThan(50_000);
    expect(waited / compared).toBeGreaterThan(0.1); // queues really formed
  });

  it('matches Erlang C at 1 E on 2 agents: P(wait) and ASA within 2 %', () => {
    // 1.5 M contacts. Measured (seed 1): 95 % intervals P(wait) ±0.51 %, ASA ±1.2 % (relative);
    // errors against Erlang C 0.16 % and 0.66 %.
    const s = singleQueue({ erlangs: 1, agents: 2, ahtSeconds: 1.5, hours: 625, seed: 1 });
    const { result, waits, traffic } = runRecording(s);
    const erlang = queueMetrics(2, { callsPerHour: 2400, ahtSeconds: 1.5, thresholdSeconds: 2 });
    const sim = result.total.summary;
    const pw = batchInterval(traffic, (i) => ((waits[i] as number) > 1e-9 ? 1 : 0));
    const asa = batchInterval(traffic, (i) => waits[i] as number);
    expect(pw.halfWidth / erlang.probabilityOfWaiting).toBeLessThan(0.007);
    expect(asa.halfWidth / (erlang.asa as number)).toBeLessThan(0.013);
    const counted = [...traffic.at.keys()].filter((i) => (traffic.at[i] as number) >= 0);
    const waitedShare = counted.filter((i) => (waits[i] as number) > 1e-9).length / counted.length;
    expect(sim.probabilityOfWaiting).toBeCloseTo(waitedShare, 12); // the KPI the simulator reports is the one measured
    expect(rel(sim.probabilityOfWaiting as number, erlang.probabilityOfWaiting)).toBeLessThan(0.02);
    expect(rel(sim.asaSeconds as number, erlang.asa as number)).toBeLessThan(0.02);
    expect(rel(sim.serviceLevel as number, erlang.serviceLevel)).toBeLessThan(0.02);
    expect(rel(sim.occupancy as number, erlang.occupancy)).toBeLessThan(0.02);
  });

  it('matches Erlang C at 5 E on 6 agents: P(wait) within 2 %', () => {
    // 1.5 M contacts. Measured (seed 2): P(wait) ±0.86 % (95 %), error 0.82 %. The ASA's interval
    // is ±3.6 % at this length (error 0.31 %): too wide to test at 2 %, so it is not asserted.
    const s = singleQueue({ erlangs: 5, agents: 6, ahtSeconds: 1.2, hours: 100, seed: 2 });
    const { result, waits, traffic } = runRecording(s);
    const erlang = queueMetrics(6, { callsPerHour: 15_000, ahtSeconds: 1.2, thresholdSeconds: 2 });
    const pw = batchInterval(traffic, (i) => ((waits[i] as number) > 1e-9 ? 1 : 0));
    expect(pw.halfWidth / erlang.probabilityOfWaiting).toBeLessThan(0.012);
    expect(rel(result.total.summary.probabilityOfWaiting as number, erlang.probabilityOfWaiting)).toBeLessThan(0.02);
  });
});

describe('simulator on the real engine with exponential patience (Erlang A)', () => {
  it('matches Erlang A at 5 E on 5 agents, patience = AHT: P(wait), P(abandon), ASA, SL within 2 %', () => {
    // 1 M contacts; abandonment damps the queue, so intervals are narrow. Measured (seed 3), 95 %
    // relative: P(abandon) ±0.64 %, P(wait) ±0.45 %, ASA ±0.65 %; errors against Erlang A 0.30 %,
    // 0.29 %, 0.29 %, service level 0.06 %.
    const s = singleQueue({ erlangs: 5, agents: 5, ahtSeconds: 1.2, hours: 67, patienceSeconds: 1.2, seed: 3 });
    const { result, waits, traffic } = runRecording(s);
    const erlang = queueMetrics(5, { callsPerHour: 15_000, ahtSeconds: 1.2, thresholdSeconds: 2, patienceSeconds: 1.2 });
    const sim = result.total.summary;
    const abandoned = batchInterval(traffic, (i) => (Number.isNaN(waits[i] as number) ? 1 : 0));
    expect(abandoned.halfWidth / erlang.probabilityOfAbandon).toBeLessThan(0.012);
    expect(sim.unresolved).toBe(0);
    expect(rel(sim.abandonmentRate as number, erlang.probabilityOfAbandon)).toBeLessThan(0.02);
    expect(rel(sim.probabilityOfWaiting as number, erlang.probabilityOfWaiting)).toBeLessThan(0.02);
    expect(rel(sim.asaSeconds as number, erlang.asa as number)).toBeLessThan(0.02);
    expect(rel(sim.serviceLevel as number, erlang.serviceLevel)).toBeLessThan(0.02);
  });
});

describe('the FIFO M/M/N reference against Erlang C at 50 E', () => {
  // The simulator gives every contact the recursion's wait at 5, 50 and 250 E (above). This
  // closes the chain at 50 E: the recursion itself, on 20 million contacts of its own seeded
  // Poisson traffic, has the Erlang C probability of waiting (batch-means 95 % interval about
  // ±0.8 % at this length, asserted; the ASA's would be ±2 %, too wide to test at 2 %).
  // Measured: 0.3828 against Erlang C 0.3845 (0.45 % low), interval ±0.77 %.
  it('has P(wait) within 2 % of Erlang C on 55 agents', () => {
    const agents = 55;
    const erlangs = 50;
    const n = 20_000_000;
    let s = 0x9e3779b9;
    const uniform = () => { s ^= s << 13; s ^= s >>> 17; s ^= s << 5; return ((s >>> 0) + 0.5) / 4294967296; };
    const free = new Float64Array(agents);
    const batches = 40;
    const perBatch = n / batches;
    const batchShare: number[] = [];
    let at = 0;
    let waited = 0;
    for (let i = 0; i < n; i++) {
      at += -Math.log(uniform()) / erlangs; // handle time 1: arrivals at rate A
      const start = Math.max(at, free[0] as number);
      if (start > at) waited++;
      const done = start - Math.log(uniform());
      let k = 1;
      while (k < agents && (free[k] as number) < done) { free[k - 1] = free[k] as number; k++; }
      free[k - 1] = done;
      if ((i + 1) % perBatch === 0) { batchShare.push(waited / perBatch); waited = 0; }
    }
    const mean = batchShare.reduce((a, b) => a + b, 0) / batches;
    const sd = Math.sqrt(batchShare.reduce((a, b) => a + (b - mean) ** 2, 0) / (batches - 1));
    const erlang = queueMetrics(agents, { callsPerHour: erlangs * 3600, ahtSeconds: 1, thresholdSeconds: 1 });
    expect((2.02 * sd) / Math.sqrt(batches) / erlang.probabilityOfWaiting).toBeLessThan(0.012);
    expect(rel(mean, erlang.probabilityOfWaiting)).toBeLessThan(0.02);
  });
});
