import type { NormalizedPriority } from './config.js';
import type { ContactAttributes } from './records.js';

/**
 * Head start in milliseconds for a contact: tier + score × per-point + reason + churn risk,
 * capped at the queue's bound. The order key is `arrival − boost`: ordering by it is priority
 * with aging in one number, and the cap bounds how long any contact can be overtaken.
 */
export function boostMs(p: NormalizedPriority, a: ContactAttributes, explicitMs = 0): number {
  if (p.maxMs === 0) return 0;
  let b = explicitMs;
  if (a.valueTier !== undefined) b += ownMs(p.tierMs, a.valueTier);
  if (a.valueScore !== undefined) b += a.valueScore * p.scoreMsPerPoint;
  if (a.reason !== undefined) b += ownMs(p.reasonMs, a.reason);
  if (a.churnRisk === true) b += p.churnRiskMs;
  return b <= 0 ? 0 : b < p.maxMs ? b : p.maxMs;
}

/** The head start configured for a tier or reason: 0 for one not configured, `constructor` and `__proto__` too. */
function ownMs(perKey: Readonly<Record<string, number>>, key: string): number {
  return Object.hasOwn(perKey, key) ? (perKey[key] as number) : 0;
}
