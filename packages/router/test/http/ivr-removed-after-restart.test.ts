import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { useTestRedis } from '../../../../test/support/redis-server.js';
import { validateServiceConfig } from '@switchboard/router/service';
import { testApp, testConfig } from './http-fixture.js';
// Found by review (2026-12-07).

const r = useTestRedis();
const conns: Redis[] = [];
afterAll(() => { for (const c of conns) c.disconnect(); });

const menu = (id: string) => ({
  id, start: 'main',
  nodes: {
    main: { type: 'menu', prompt: { text: 'Sales 1' }, options: [{ key: '1', next: 'sales' }], onFail: 'bye' },
    sales: { type: 'route', queueId: 'sales', reason: 'sales' },
    bye: { type: 'end' },
  },
});

describe('an IVR session whose IVR the restarted service no longer has (renamed in the new config)', () => {
  it('can still be read and hung up, as a session on a node the edited IVR lost', async () => {
    const domain = `ivrgone${Date.now()}`;
    const conn = () => { const c = new Redis(r.server.url); c.on('error', () => {}); conns.push(c); return c; };
    const before = await testApp({ config: validateServiceConfig({ ...testConfig(domain), ivrs: [menu('ivr-old')] }), redis: conn() });
    expect((await before.call('pbx', 'POST', '/v1/ivr/sessions', { callId: 'gone-1' })).json().action.kind).toBe('collect');
    await before.close();
    const after = await testApp({ config: validateServiceConfig({ ...testConfig(domain), ivrs: [menu('ivr-new')] }), redis: conn() });
    try {
      const read = await after.call('pbx', 'GET', '/v1/ivr/sessions/gone-1');
      const hangup = await after.call('pbx', 'POST', '/v1/ivr/sessions/gone-1/inputs', { type: 'hangup' });
      expect({ read: [read.statusCode, read.json().code], hangup: [hangup.statusCode, hangup.json().code, hangup.json().ended] })
        .toEqual({ read: [200, undefined], hangup: [200, undefined, true] });
    } finally {
      await after.close();
    }
  });
});
