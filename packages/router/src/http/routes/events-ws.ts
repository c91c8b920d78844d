import type { FastifyPluginAsync } from 'fastify';
import { merge, type Subscription } from 'rxjs';
import type { RoutingEvent } from '../../core/events.js';
import type { ServiceEvent } from '../../service/service-events.js';
import { redeemTicket } from '../../service/auth.js';
import { EventFilter, snapshotFor } from '../../service/event-feed.js';
import type { SwitchboardService } from '../../service/switchboard-service.js';
import { ServiceError } from '../../service/service-errors.js';

const MAX_BUFFERED = 1 << 20;

/**
 * The live event stream: `GET /v1/events?ticket=…` upgrades to a WebSocket. The client gets
 * `{ type: 'snapshot', data }` first, then `{ type: 'event', event }` for each event it may
 * see. Events that happen while the snapshot is built follow it (some may already show in
 * it). A client that falls behind by more than 1 MiB is closed (1013) and reconnects with a
 * new ticket to get a fresh snapshot.
 */
export const eventsRoute: FastifyPluginAsync<{ service: SwitchboardService }> = async (app, { service }) => {
  const ctx = service.ctx;
  app.get('/v1/events', {
    websocket: true,
    config: { public: true, rateLimit: false },
    schema: { tags: ['events'], summary: 'WebSocket: snapshot, then live events. Authenticate with ?ticket= from POST /v1/auth/ticket', hide: false },
    preValidation: async (req) => {
      if (req.headers.upgrade?.toLowerCase() !== 'websocket') throw new ServiceError('REQUEST_INVALID', 'this endpoint is a WebSocket: send an upgrade request');
      const ticket = (req.query as { ticket?: unknown }).ticket;
      if (typeof ticket !== 'string') throw new ServiceError('TICKET_INVALID', 'pass ?ticket=');
      const actor = await redeemTicket(ctx, ticket);
      if (actor.kind !== 'user') throw new ServiceError('TICKET_INVALID');
      req.actor = actor;
    },
  }, (socket, req) => {
    const actor = req.actor as Extract<NonNullable<typeof req.actor>, { kind: 'user' }>;
    const filter = new EventFilter(ctx, actor);
    const pending: Array<RoutingEvent | ServiceEvent> = [];
    let live = false;
    const send = (msg: unknown): void => {
      if (socket.bufferedAmount > MAX_BUFFERED) socket.close(1013, 'too far behind: reconnect');
      else socket.send(JSON.stringify(msg));
    };
    const sub: Subscription = merge(service.events, ctx.bus.events).subscribe((e) => {
      if (!live) pending.push(e);
      else if (filter.accepts(e)) send({ type: 'event', event: e });
    });
    socket.on('close', () => sub.unsubscribe());
    void (async () => {
      await filter.init();
      send({ type: 'snapshot', data: await snapshotFor(ctx, actor) });
      for (const e of pending.splice(0)) if (filter.accepts(e)) send({ type: 'event', event: e });
      live = true;
    })().catch((e: unknown) => {
      req.log.warn({ err: e }, 'event stream snapshot failed');
      socket.close(1011, 'snapshot failed');
    });
  });
};
