import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ServiceContext } from '../../service/context.js';
import * as wfm from '../../service/wfm-ops.js';
import { actorOf } from '../authenticate.js';
import { errorReplies, reply } from '../schemas.js';
import { ErlangAnswer, ErlangBody, ForecastAnswer, ForecastBody, SimulateBody, SimulationAnswer, WhatIfAnswer, WhatIfBody } from './wfm-schemas.js';

const sec = [{ bearer: [] }];
const tags = ['workforce management'];

/** Workforce management for supervisors and admins: Erlang staffing, forecast, simulation, what-if. */
export const wfmRoutes: FastifyPluginAsyncTypebox<{ ctx: ServiceContext }> = async (app, { ctx }) => {
  app.post('/v1/wfm/erlang', {
    schema: { tags, security: sec, summary: 'Erlang C / Erlang A: the KPIs of a staffing, or the fewest agents for a service-level target', body: ErlangBody, response: { 200: ErlangAnswer, ...errorReplies } },
  }, async (req) => wfm.erlang(actorOf(req), req.body) as never);
  app.post('/v1/wfm/forecast', {
    schema: { tags, security: sec, summary: 'Contacts per interval (Holt–Winters, weekly season) from posted counts or the interaction history, with MAPE on a held-out week', body: ForecastBody, response: { 200: ForecastAnswer, ...errorReplies } },
  }, async (req) => reply(wfm.forecastFor(ctx, actorOf(req), req.body as wfm.ForecastRequest)));
  app.post('/v1/wfm/simulate', {
    schema: { tags, security: sec, summary: 'Simulate a scenario on the real routing engine (at most 100,000 contacts and 2,000 agents): KPIs by queue, value tier and interval', body: SimulateBody, response: { 200: SimulationAnswer, ...errorReplies } },
  }, async (req) => reply(wfm.simulate(actorOf(req), req.body)));
  app.post('/v1/wfm/what-if', {
    schema: { tags, security: sec, summary: 'Compare a proposed routing setup with the scenario\'s on the same random traffic: paired differences with 95 % intervals', body: WhatIfBody, response: { 200: WhatIfAnswer, ...errorReplies } },
  }, async (req) => reply(wfm.whatIf(actorOf(req), req.body)));
};
