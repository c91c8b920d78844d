import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { RedisRoutingStore } from '../../packages/router/src/store/redis/redis-routing-store.js';
import { startTestRedis, type TestRedis } from '../support/redis-server.js';
import { describeRoutingStoreContract } from './routing-store-contract.js';

let server: TestRedis;
let redis: Redis;
let n = 0;

beforeAll(async () => {
  server = await startTestRedis();
  redis = new Redis(server.url);
});

afterAll(async () => {
  redis.disconnect();
  await server.dispose();
});

describeRoutingStoreContract('RedisRoutingStore', async (config, clock) => RedisRoutingStore.create(config, { redis, domain: `contract${++n}`, clock }));
