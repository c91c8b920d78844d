import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ContactInput } from '../../core/contact-input.js';
import * as contacts from '../../service/contact-ops.js';
import type { ServiceContext } from '../../service/context.js';
import { callStatus, contactIdOfCall, routeCall, withRouteSet } from '../../service/route-call.js';
import { actorOf } from '../authenticate.js';
import { requirePbxOr } from '../../service/access.js';
import { contactScript, stepContactScript } from '../../service/scripts.js';
import { ServiceError } from '../../service/service-errors.js';
import { AnswerBody, ContactScript, ContactBody, ContactView, IdParams, Ok, QueueBody, RouteAnswer, RouteBody, SubmitOutcome, Trace, WaitQuery, errorReplies, reply } from '../schemas.js';

const sec = [{ bearer: [] }, { apiKey: [] }, { basic: [] }]; // a PBX may send its key as HTTP Basic too (Kamailio)
const CallIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 512, description: 'the SIP Call-ID the call was routed with, or its contact id' }) });
const ok = { 200: Ok, ...errorReplies };

/** Contacts from a PBX or chat gateway, "route this call", and what happens to them. */
export const contactRoutes: FastifyPluginAsyncTypebox<{ ctx: ServiceContext }> = async (app, { ctx }) => {
  const tags = ['contacts'];
  app.post('/v1/route', {
    schema: {
      tags: ['pbx'], security: sec, body: RouteBody, response: { 200: RouteAnswer, ...errorReplies },
      summary: 'Route this call: the reserved agent and its SIP URI, or the place in the queue. Idempotent by Call-ID; `waitSeconds` long-polls.',
    },
  }, async (req) => {
    const actor = actorOf(req);
    requirePbxOr(actor, 'admin');
    return reply(routeCall(ctx, req.body).then((a) => withRouteSet(ctx, actor, a)));
  });
  app.get('/v1/route/:id', {
    schema: { tags: ['pbx'], security: sec, summary: 'Where call :id (its Call-ID, or its contact id) stands now; `waitSeconds` waits (long poll) while it is queued', params: CallIdParams, querystring: WaitQuery, response: { 200: RouteAnswer, ...errorReplies } },
  }, async (req) => {
    const actor = actorOf(req);
    requirePbxOr(actor, 'admin');
    return reply(callStatus(ctx, contactIdOfCall(req.params.id), req.query.waitSeconds ?? 0).then((a) => withRouteSet(ctx, actor, a)));
  });

  app.post('/v1/contacts', { schema: { tags, security: sec, summary: 'Submit a contact (call, chat, email, callback) to a queue', body: ContactBody, response: { 200: SubmitOutcome, ...errorReplies } } },
    async (req) => reply(contacts.submitContact(ctx, actorOf(req), req.body as ContactInput)));
  app.get('/v1/contacts', { schema: { tags, security: sec, summary: 'Contacts of my queues (supervisors; admins: all)', response: { 200: Type.Array(ContactView), ...errorReplies } } },
    async (req) => reply(contacts.listContacts(ctx, actorOf(req))));
  app.get('/v1/contacts/:id', { schema: { tags, security: sec, summary: 'A contact (agents: only their own)', params: IdParams, response: { 200: ContactView, ...errorReplies } } },
    async (req) => reply(contacts.contactStatus(ctx, actorOf(req), req.params.id)));
  app.get('/v1/contacts/:id/trace', { schema: { tags, security: sec, summary: 'Decision trace: why this contact went where it went, and who could take it now', params: IdParams, response: { 200: Trace, ...errorReplies } } },
    async (req) => reply(contacts.contactTrace(ctx, actorOf(req), req.params.id)));
  app.get('/v1/contacts/:id/script', { schema: { tags: ['agent'], security: [{ bearer: [] }], summary: 'The script selected for this contact and the run through it', params: IdParams, response: { 200: ContactScript, ...errorReplies } } }, async (req) => {
    const s = await contactScript(ctx, actorOf(req), req.params.id);
    if (s === undefined) throw new ServiceError('ENTRY_UNKNOWN', 'no script rule matches this contact');
    return reply(Promise.resolve(s));
  });
  app.post('/v1/contacts/:id/script', { schema: { tags: ['agent'], security: [{ bearer: [] }], summary: "Step through the contact's script: start it, then give the customer's answer at each step", params: IdParams, body: AnswerBody, response: { 200: ContactScript, ...errorReplies } } },
    async (req) => reply(stepContactScript(ctx, actorOf(req), req.params.id, req.body.answer)));
  app.post('/v1/contacts/:id/abandon', { schema: { tags, security: sec, summary: 'The caller hung up while waiting or ringing', params: IdParams, response: ok } }, async (req) => {
    await contacts.abandonContact(ctx, actorOf(req), req.params.id);
    return { ok: true as const };
  });
  app.post('/v1/contacts/:id/transfer', { schema: { tags, security: sec, summary: 'Transfer an active contact to another queue', params: IdParams, body: QueueBody, response: ok } }, async (req) => {
    await contacts.transferContact(ctx, actorOf(req), req.params.id, req.body.queueId);
    return { ok: true as const };
  });
  app.post('/v1/contacts/:id/move', { schema: { tags: ['supervisor'], security: [{ bearer: [] }], summary: 'Move a waiting contact to another queue of mine; it keeps its place by order key', params: IdParams, body: QueueBody, response: ok } }, async (req) => {
    await contacts.moveContact(ctx, actorOf(req), req.params.id, req.body.queueId);
    return { ok: true as const };
  });
  app.post('/v1/contacts/:id/callback', { schema: { tags, security: sec, summary: 'Virtual hold: call the waiting customer back, keeping its place', params: IdParams, response: ok } }, async (req) => {
    await contacts.requestCallback(ctx, actorOf(req), req.params.id);
    return { ok: true as const };
  });
};
