import { Redis } from 'ioredis';
import { RedisRoutingStore } from '../../../packages/router/src/store/redis/redis-routing-store.js';

/** A router process that submits two calls, sees them offered, then hangs until it is killed. */
const [url, domain] = process.argv.slice(2) as [string, string];
const redis = new Redis(url);
const store = await RedisRoutingStore.open({ redis, domain });
for (const id of ['k1', 'k2']) await store.enqueueContact({ id, queueId: 'sales' });
console.log('offered');
setInterval(() => undefined, 60_000);
