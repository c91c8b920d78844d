import { Redis } from 'ioredis';
import type { DomainConfig } from '@switchboard/router';
import { RedisRoutingStore } from '../../../packages/router/src/store/redis/redis-routing-store.js';

/** A router process that submits two calls, sees them offered, then hangs until it is killed. */
const [url, domain, configJson] = process.argv.slice(2) as [string, string, string];
const redis = new Redis(url);
const store = await RedisRoutingStore.open(JSON.parse(configJson) as DomainConfig, { redis, domain });
for (const id of ['k1', 'k2']) await store.enqueueContact({ id, queueId: 'sales' });
console.log('offered');
setInterval(() => undefined, 60_000);
