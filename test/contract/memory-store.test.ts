import { MemoryRoutingStore } from '@switchboard/router';
import { describeRoutingStoreContract } from './routing-store-contract.js';

describeRoutingStoreContract('MemoryRoutingStore', async (config, clock) => MemoryRoutingStore.create(config, { clock }));
