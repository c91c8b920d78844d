import type { ServiceConfig } from '../service-config.js';
import type { CustomerDirectory, LookupListener } from './customer-directory.js';
import { loadCustomersFile } from './customers-file.js';
import { HttpCrmDirectory } from './http-crm-directory.js';
import { MemoryCustomerDirectory } from './memory-customer-directory.js';

/** What the service adds to the configuration when it opens its directory. */
export interface OpenDirectoryOptions {
  /** Told of every lookup (metrics, logs). */
  readonly onLookup?: LookupListener;
}

/** The embedded directory: the configuration's customers and those of `customersFile`. */
async function embedded(config: ServiceConfig, onLookup: LookupListener | undefined): Promise<MemoryCustomerDirectory> {
  const listen = onLookup === undefined ? {} : { onLookup };
  if (config.customersFile === undefined) return MemoryCustomerDirectory.of(config.customers, config.defaultCountry, { ...listen, source: 'config.customers' });
  const agentIds = new Set((config.domain.agents ?? []).map((a) => a.id));
  const file = await loadCustomersFile(config.customersFile, { defaultCountry: config.defaultCountry, configured: config.customers, agentIds });
  return MemoryCustomerDirectory.ofIndex(file.index, listen);
}

/**
 * The customer directory a configuration describes: embedded (its `customers`, plus those of
 * `customersFile`, a JSON array or NDJSON), or with `crm` an {@link HttpCrmDirectory} whose
 * fallback is the embedded one (or no one, with `crm.fallback: 'unknown'`). Throws
 * `ConfigFileError` for a customers file that cannot be read or has problems.
 *
 * @example
 * const directory = await openCustomerDirectory(config, { onLookup: (e) => log.debug(e) });
 */
export async function openCustomerDirectory(config: ServiceConfig, opts: OpenDirectoryOptions = {}): Promise<CustomerDirectory> {
  const crm = config.crm;
  if (crm === undefined) return embedded(config, opts.onLookup);
  const fallback = crm.fallback === 'unknown' ? undefined : await embedded(config, undefined);
  const { fallback: _, ...rest } = crm;
  return new HttpCrmDirectory({ ...rest, ...(fallback === undefined ? {} : { fallback }), ...(opts.onLookup === undefined ? {} : { onLookup: opts.onLookup }) });
}
