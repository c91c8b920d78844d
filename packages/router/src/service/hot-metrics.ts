import type { Registry } from 'prom-client';

/**
 * A Prometheus counter and histogram for the routing hot path. prom-client hashes the labels
 * object into a string and (histograms) turns the bucket bound into a property name on every
 * observation: about 1 µs each, three per routed call. These find a label set's counts through
 * one Map per label, in label order, and count in arrays; they register with a prom-client
 * Registry and expose exactly what a prom-client Counter or Histogram of the same name, help,
 * labels (and buckets) would — same lines, same order. Label values are not validated: callers
 * pass their own constants.
 */

/** One label set's counts; `labels` in label-name order. */
interface Series<C> {
  readonly labels: Record<string, string>;
  readonly counts: C;
}

/** What prom-client's Registry reads of a metric (its `get()`). */
interface MetricData {
  readonly name: string;
  readonly help: string;
  readonly type: 'counter' | 'histogram';
  readonly values: ReadonlyArray<{ labels: Record<string, string | number>; value: number; metricName?: string; sharedLabels?: Record<string, string>; exemplar?: undefined }>;
  readonly aggregator: 'sum';
}

/** Label sets in the order first seen, each found by its values through nested Maps. */
class LabelSets<C> {
  private root = new Map<string, unknown>();
  private all: Array<Series<C>> = [];

  constructor(private readonly labelNames: readonly string[], private readonly fresh: () => C) {}

  countsOf(labels: Readonly<Record<string, string>>): C {
    let node = this.root;
    const last = this.labelNames.length - 1;
    for (let i = 0; i < last; i++) {
      const value = labels[this.labelNames[i] as string] as string;
      let next = node.get(value) as Map<string, unknown> | undefined;
      if (next === undefined) node.set(value, (next = new Map()));
      node = next;
    }
    const value = labels[this.labelNames[last] as string] as string;
    const found = node.get(value) as Series<C> | undefined;
    if (found !== undefined) return found.counts;
    const series: Series<C> = { labels: Object.fromEntries(this.labelNames.map((n) => [n, labels[n] as string])), counts: this.fresh() };
    node.set(value, series);
    this.all.push(series);
    return series.counts;
  }

  get series(): ReadonlyArray<Series<C>> {
    return this.all;
  }

  clear(): void {
    this.root = new Map();
    this.all = [];
  }
}

/** Options shared by both. */
interface HotMetricOptions<L extends string> {
  readonly name: string;
  readonly help: string;
  /** At least one label: an unlabelled metric is cheap enough in prom-client. */
  readonly labelNames: readonly [L, ...L[]];
  readonly registers: readonly Registry[];
}

/**
 * A counter by labels.
 *
 * @example
 * const lookups = new HotCounter({ name: 'x_total', help: 'Lookups', labelNames: ['verb'], registers: [registry] });
 * lookups.inc({ verb: 'byId' });
 */
export class HotCounter<L extends string> {
  readonly type = 'counter';
  readonly aggregator = 'sum';
  readonly name: string;
  readonly help: string;
  private readonly sets: LabelSets<{ value: number }>;

  constructor(opts: HotMetricOptions<L>) {
    this.name = opts.name;
    this.help = opts.help;
    this.sets = new LabelSets(opts.labelNames, () => ({ value: 0 }));
    for (const r of opts.registers) r.registerMetric(this as never);
  }

  inc(labels: Readonly<Record<L, string>>, by = 1): void {
    this.sets.countsOf(labels).value += by;
  }

  get(): Promise<MetricData> {
    return Promise.resolve({
      name: this.name, help: this.help, type: this.type, aggregator: this.aggregator,
      values: this.sets.series.map((s) => ({ value: s.counts.value, labels: s.labels })),
    });
  }

  reset(): void {
    this.sets.clear();
  }
}

/**
 * A histogram by labels: an observation counts in the first bucket (in the order given) whose
 * bound is at least the value (none past the last bound: then only the count and `+Inf`), as
 * prom-client's does.
 *
 * @example
 * const latency = new HotHistogram({ name: 'x_seconds', help: 'Latency', labelNames: ['outcome'], buckets: [0.001, 0.01], registers: [registry] });
 * latency.observe({ outcome: 'reserved' }, 0.0004);
 */
export class HotHistogram<L extends string> {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  readonly name: string;
  readonly help: string;
  private readonly bounds: readonly number[];
  private readonly sets: LabelSets<{ buckets: Float64Array; sum: number; count: number }>;

  constructor(opts: HotMetricOptions<L> & { readonly buckets: readonly number[] }) {
    this.name = opts.name;
    this.help = opts.help;
    this.bounds = [...opts.buckets];
    this.sets = new LabelSets(opts.labelNames, () => ({ buckets: new Float64Array(this.bounds.length), sum: 0, count: 0 }));
    for (const r of opts.registers) r.registerMetric(this as never);
  }

  observe(labels: Readonly<Record<L, string>>, value: number): void {
    if (!Number.isFinite(value)) throw new TypeError(`Value is not a valid number: ${value}`);
    const c = this.sets.countsOf(labels);
    for (let i = 0; i < this.bounds.length; i++) {
      if (value <= (this.bounds[i] as number)) {
        (c.buckets[i] as number)++;
        break;
      }
    }
    c.sum += value;
    c.count++;
  }

  get(): Promise<MetricData> {
    const values: Array<MetricData['values'][number]> = [];
    const bucket = `${this.name}_bucket`;
    for (const s of this.sets.series) {
      let acc = 0;
      this.bounds.forEach((le, i) => {
        acc += s.counts.buckets[i] as number;
        values.push({ labels: { le }, sharedLabels: s.labels, value: acc, metricName: bucket, exemplar: undefined });
      });
      values.push(
        { labels: { le: '+Inf' }, sharedLabels: s.labels, value: s.counts.count, metricName: bucket, exemplar: undefined },
        { labels: {}, sharedLabels: s.labels, value: s.counts.sum, metricName: `${this.name}_sum`, exemplar: undefined },
        { labels: {}, sharedLabels: s.labels, value: s.counts.count, metricName: `${this.name}_count`, exemplar: undefined },
      );
    }
    return Promise.resolve({ name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values });
  }

  reset(): void {
    this.sets.clear();
  }
}
