import { COLLECTIONS_OVERDUE } from './demo/collections.js';
import { COMPLAINT } from './demo/complaint.js';
import { GENERAL } from './demo/general.js';
import { LOST_TICKET_STANDARD, LOST_TICKET_VALUED } from './demo/lost-ticket.js';
import { DEMO_RULES } from './demo/rules.js';
import { SALES_CROSS_SELL } from './demo/sales.js';
import type { ScriptDefinition } from './script-definition.js';
import type { ScriptRule } from './script-rule.js';

export { DEMO_OFFERS } from './demo/rules.js';

/**
 * Demo conversation scripts of an airline contact center: lost ticket for a valued customer
 * (reissue at the same fare, free upgrade) and for an ordinary one (reissue under the fare
 * rules), overdue invoices, help with a cross-sell offer, complaint, and a general default.
 */
export const DEMO_SCRIPTS: readonly ScriptDefinition[] = [
  LOST_TICKET_VALUED,
  LOST_TICKET_STANDARD,
  COLLECTIONS_OVERDUE,
  SALES_CROSS_SELL,
  COMPLAINT,
  GENERAL,
];

/** The rules that pick among {@link DEMO_SCRIPTS}; `default` catches every other contact. */
export const DEMO_SCRIPT_RULES: readonly ScriptRule[] = DEMO_RULES;
