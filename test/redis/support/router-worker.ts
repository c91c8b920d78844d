import { Redis } from 'ioredis';
import { seededRng, type DomainConfig } from '@switchboard/router';
import { RedisRoutingStore } from '../../../packages/router/src/store/redis/redis-routing-store.js';

/**
 * One router process of the multi-process test: opens the shared domain and applies random
 * operations (seeded) with Redis server time, as a real router would on behalf of PBXs and
 * agents: it submits contacts, learns of their offers from the domain's event stream, has the
 * agents answer, complete, pause and log in and out, and fires due timers. Refusals (stale
 * tokens, wrong states) are normal when three processes race; any other error fails the run.
 * Prints a JSON summary on stdout.
 */
const [url, domain, seed, opsArg, configJson] = process.argv.slice(2) as [string, string, string, string, string];
const config = JSON.parse(configJson) as DomainConfig; // for the ids to pick from; the store reads the domain from Redis
const rng = seededRng(Number(seed));
const pick = <T>(xs: readonly T[]): T | undefined => xs[Math.floor(rng() * xs.length)];
const take = <T>(xs: T[]): T | undefined => xs.splice(Math.floor(rng() * xs.length), 1)[0];
const redis = new Redis(url);
// Small snapshots: the three processes take them, trim the log and restore them while they race.
const store = await RedisRoutingStore.open({ redis, domain, snapshotEvery: 500 });
const agents = (config.agents ?? []).map((a) => a.id);
const queues = (config.queues ?? []).map((q) => q.id);

const recent: string[] = []; // this process's latest contacts (callers who may hang up)
const offers: Array<{ id: string; token: number; contactId: string }> = [];
const talking: string[] = [];
const sub = store.events.subscribe((e) => {
  if (e.type === 'reservation.created' && e.contactId.startsWith(`${seed}-`)) offers.push({ id: e.reservationId, token: e.token, contactId: e.contactId });
});

const counts: Record<string, number> = {};
let refused = 0;
let submitted = 0;
for (let i = 0; i < Number(opsArg); i++) {
  const r = rng();
  const kind = r < 0.25 ? 'submit' : r < 0.45 ? 'answer' : r < 0.6 ? 'complete' : r < 0.8 ? 'presence' : r < 0.85 ? 'abandon' : 'timers';
  counts[kind] = (counts[kind] ?? 0) + 1;
  try {
    if (kind === 'submit') {
      const id = `${seed}-${submitted++}`;
      recent.push(id);
      if (recent.length > 50) recent.shift();
      await store.enqueueContact({ id, queueId: pick(queues) as string, ...(rng() < 0.3 ? { valueTier: 'gold' } : {}) });
    } else if (kind === 'answer') {
      const o = take(offers);
      if (o === undefined) continue;
      if (rng() < 0.9) {
        await store.acceptReservation(o.id, o.token);
        talking.push(o.contactId);
      } else {
        await store.rejectReservation(o.id, o.token);
      }
    } else if (kind === 'complete') {
      const id = take(talking);
      if (id !== undefined) await store.completeContact(id);
    } else if (kind === 'abandon') {
      const id = pick(recent);
      if (id !== undefined) await store.abandonContact(id);
    } else if (kind === 'presence') {
      const a = pick(agents) as string;
      const p = rng();
      if (p < 0.5) await store.readyAgent(a);
      else if (p < 0.75) await store.loginAgent(a);
      else if (p < 0.93) await store.pauseAgent(a, 'break');
      else await store.logoutAgent(a);
    } else {
      await store.runDueTimers();
    }
  } catch (e) {
    if ((e as { code?: string }).code === undefined) throw e;
    refused++;
  }
}
sub.unsubscribe();
await store.close();
redis.disconnect();
console.log(JSON.stringify({ seed, counts, refused, submitted }));
