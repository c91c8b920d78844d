import { selectScript, type ScriptContext, type ScriptSelection } from '@switchboard/ivr';
import type { ContactAttributes } from '../core/records.js';
import type { ContactView } from '../core/views.js';
import type { Customer } from './config-schema.js';
import type { ServiceContext } from './context.js';

/** How long a contact's script selection is kept (as long as its script runs). */
const SELECTION_TTL_MS = 7 * 86_400_000;

const key = (contactId: string): string => `scriptsel|${contactId}`;

/** What the script rules see of a contact: its reason and value, and the customer's history, offers and propensities. */
export function scriptContextOf(a: ContactAttributes, cu: Customer | undefined): ScriptContext {
  const flags = { ...(cu?.flags ?? {}), ...(a.churnRisk === true || cu?.churnRisk === true ? { churnRisk: true } : {}) };
  return {
    ...(a.reason === undefined ? {} : { reason: a.reason }),
    ...(a.valueTier === undefined ? {} : { valueTier: a.valueTier }),
    ...(a.valueScore === undefined ? {} : { valueScore: a.valueScore }),
    ...(cu?.crossSellPropensity === undefined ? {} : { crossSellPropensity: cu.crossSellPropensity }),
    ...(cu?.readinessToBuy === undefined ? {} : { readinessToBuy: cu.readinessToBuy }),
    ...(cu?.offers === undefined ? {} : { offers: cu.offers }),
    flags,
  };
}

/** A stored selection: `null` when no rule matched (stored too, so it is not recomputed). */
interface Stored { readonly selection: ScriptSelection | null }

async function stored(ctx: ServiceContext, contactId: string): Promise<Stored | undefined> {
  const s = await ctx.values.get(key(contactId));
  return s === undefined ? undefined : (JSON.parse(s) as Stored);
}

/**
 * Chooses the contact's script once and keeps the choice with the contact (script, rule,
 * whether offers are allowed, the rules that matched and almost did): the desk, `/script` and
 * the trace read this one, so a customer cache that expires or a CRM that goes down while the
 * call waits never changes the script under the agent. The first choice stands.
 */
export async function rememberScriptSelection(ctx: ServiceContext, contactId: string, a: ContactAttributes, cu: Customer | undefined): Promise<ScriptSelection | undefined> {
  // Without rules nothing is ever chosen, and in one process (embedded) no other process's
  // rules can read the choice back: nothing to keep. (Kept, a week per call, it cost about
  // 1.5 % of a routed call and memory.) Processes sharing Redis may differ in their rules, so
  // there the "none" is kept.
  if (ctx.config.scriptRules.length === 0 && ctx.mode === 'memory') return undefined;
  const selection = selectScript(ctx.config.scriptRules, scriptContextOf(a, cu)) ?? null;
  if (await ctx.values.putIfAbsent(key(contactId), JSON.stringify({ selection } satisfies Stored), SELECTION_TTL_MS)) return selection ?? undefined;
  return (await stored(ctx, contactId))?.selection ?? undefined;
}

/** Drops a contact's selection: its submit failed, so no offer shows it and a retry chooses again. */
export async function forgetScriptSelection(ctx: ServiceContext, contactId: string): Promise<void> {
  await ctx.values.take(key(contactId));
}

/**
 * The script selection kept with a contact. A contact the service did not route itself (one
 * submitted with `POST /v1/contacts`) gets its selection the first time anyone reads it — its
 * offer on the desk — with the customer as this process holds it then.
 */
export async function scriptSelectionOf(ctx: ServiceContext, c: ContactView): Promise<ScriptSelection | undefined> {
  const s = await stored(ctx, c.id);
  if (s !== undefined) return s.selection ?? undefined;
  const customerId = c.attributes.customerId;
  return rememberScriptSelection(ctx, c.id, c.attributes, customerId === undefined ? undefined : ctx.directory.peek(customerId));
}
