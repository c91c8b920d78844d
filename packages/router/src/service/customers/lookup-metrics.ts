import type { Registry } from 'prom-client';
import { HotCounter, HotHistogram } from '../hot-metrics.js';
import type { LookupListener } from './customer-directory.js';

/**
 * Counts customer lookups by verb and outcome (hit, miss, fallback) and whether the cache
 * answered, and times those that asked the source: `switchboard_customer_lookups_total`,
 * `switchboard_customer_lookup_seconds`.
 *
 * @example
 * const directory = await openCustomerDirectory(config, { onLookup: lookupMetrics(metrics.registry) });
 */
export function lookupMetrics(registry: Registry): LookupListener {
  const count = new HotCounter({ // a routed call makes a lookup
    name: 'switchboard_customer_lookups_total', help: 'Customer directory lookups by verb, outcome (hit, miss, fallback) and cache',
    labelNames: ['verb', 'outcome', 'cached'], registers: [registry],
  });
  const time = new HotHistogram({
    name: 'switchboard_customer_lookup_seconds', help: 'Time of customer lookups that asked the directory (not the cache), fallback included',
    labelNames: ['verb', 'outcome'], buckets: [0.0001, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5], registers: [registry],
  });
  return (e) => {
    count.inc({ verb: e.verb, outcome: e.outcome, cached: String(e.cached) });
    if (!e.cached) time.observe({ verb: e.verb, outcome: e.outcome }, e.seconds);
  };
}
