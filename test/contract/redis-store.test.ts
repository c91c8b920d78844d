import { RedisRoutingStore } from '../../packages/router/src/store/redis/redis-routing-store.js';
import { useTestRedis } from '../support/redis-server.js';
import { describeRoutingStoreContract } from './routing-store-contract.js';

const t = useTestRedis();
let n = 0;

describeRoutingStoreContract('RedisRoutingStore', async (config, clock) => RedisRoutingStore.create(config, { redis: t.redis, domain: `contract${++n}`, clock }));
