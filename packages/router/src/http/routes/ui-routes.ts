import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';

/**
 * The browser pages (`packages/agent-ui`, built): files under `/ui/`, and `/agent` and
 * `/supervisor` as the addresses people type. The pages talk to the API like any client.
 */
export const uiRoutes: FastifyPluginAsync<{ dir: string }> = async (app, { dir }) => {
  await app.register(fastifyStatic, { root: dir, prefix: '/ui/', decorateReply: false, index: ['index.html'] });
  for (const page of ['agent', 'supervisor']) {
    app.get(`/${page}`, { config: { public: true }, schema: { hide: true } }, async (_req, reply) => reply.redirect(`/ui/${page}/`));
  }
};
