import { startScript, stepScript, type ScriptDefinition, type ScriptRun, type ScriptSelection } from '@switchboard/ivr';
import type { ContactView } from '../core/views.js';
import { checkContactAccess, ownAgent, type Actor } from './access.js';
import type { ServiceContext } from './context.js';
import { scriptStepDrafts } from './history/script-history.js';
import { scriptSelectionOf } from './script-selection.js';
import { ServiceError } from './service-errors.js';
import { RoutingError } from '../core/errors.js';

const RUN_TTL_MS = 7 * 86_400_000;

/** What an agent's offer carries: the selected script, and where the agent is in it. */
export interface ContactScript {
  readonly selection: ScriptSelection;
  readonly script: ScriptDefinition;
  readonly run: ScriptRun | undefined;
}

function scriptOf(ctx: ServiceContext, id: string): ScriptDefinition {
  const s = ctx.config.scripts.find((x) => x.id === id);
  if (s === undefined) throw new ServiceError('ENTRY_UNKNOWN', `no script '${id}'`);
  return s;
}

/** A run belongs to one conversation: the contact answered by one agent (a transfer starts another). */
const runKey = (c: ContactView): string => `script|${c.id}|${c.agentId ?? ''}|${c.answeredAt ?? ''}`;

async function scriptFor(ctx: ServiceContext, c: ContactView): Promise<ContactScript | undefined> {
  const selection = await scriptSelectionOf(ctx, c);
  if (selection === undefined) return undefined;
  const stored = await ctx.values.get(runKey(c));
  return { selection, script: scriptOf(ctx, selection.scriptId), run: stored === undefined ? undefined : (JSON.parse(stored) as ScriptRun) };
}

/** The script of a contact, for whoever may see the contact. */
export async function contactScript(ctx: ServiceContext, actor: Actor, contactId: string): Promise<ContactScript | undefined> {
  if (actor.kind !== 'user') throw new ServiceError('FORBIDDEN', 'scripts are for agents and supervisors');
  const c = await ctx.store.getContact(contactId);
  checkContactAccess(actor, c);
  return scriptFor(ctx, c);
}

/**
 * The agent holding the contact steps through its script: the first call starts the run, each
 * later one gives the customer's answer (none for a step without answers). The run is kept
 * with the contact (7 days) and each step is an entry of the interaction's history
 * (`script.started`, `script.step`, `script.completed` with the whole path).
 */
export async function stepContactScript(ctx: ServiceContext, actor: Actor, contactId: string, answer: string | undefined): Promise<ContactScript> {
  const c = await ctx.store.getContact(contactId);
  if (c.agentId !== ownAgent(actor)) throw new ServiceError('FORBIDDEN', `contact '${contactId}' is not yours`);
  if (c.state !== 'active') throw new RoutingError('CONTACT_STATE_INVALID', `contact '${contactId}' is ${c.state}: answer the offer first`);
  const cs = await scriptFor(ctx, c);
  if (cs === undefined) throw new ServiceError('ENTRY_UNKNOWN', 'no script rule matches this contact');
  const at = ctx.now();
  const run = cs.run === undefined ? startScript(cs.script, cs.selection.offersAllowed, at) : stepScript(cs.script, cs.run, answer, at);
  await ctx.values.put(runKey(c), JSON.stringify(run), RUN_TTL_MS);
  const who = { interactionId: c.id, agentId: c.agentId, queueId: c.queueId, at };
  for (const d of scriptStepDrafts(who, cs.selection, cs.run, run)) await ctx.history.append(d);
  return { ...cs, run };
}
