import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { SwitchboardService, buildApp, validateServiceConfig } from '@switchboard/router/service';
import { PBX_KEY, testConfig } from './http-fixture.js';

// The start node is a lookup (e.g. a CRM "is this a VIP?" check) answered by a slow CRM on the
// second ask: a PBX that retries POST /v1/ivr/sessions while the first is still in flight.
const IVR = {
  id: 'ivr-race', start: 'vip', language: 'en',
  nodes: {
    vip: { type: 'lookup', function: 'slowVip', branches: { yes: 'main' }, default: 'main' },
    main: { type: 'menu', prompt: { text: 'Sales 1' }, maxRetries: 1, onFail: 'bye', options: [{ key: '1', next: 'sales' }] },
    sales: { type: 'route', queueId: 'sales', reason: 'sales' },
    bye: { type: 'end', prompt: { text: 'Bye' } },
  },
};

let app: FastifyInstance | undefined;
afterEach(async () => { await app?.close(); app = undefined; });

// Found by review (2026-12-07).
describe('a retried IVR start (same Call-ID) racing the first', () => {
  it('does not overwrite the session the first start created and the caller has since used', async () => {
    let asks = 0;
    const service = await SwitchboardService.open({
      config: validateServiceConfig({ ...testConfig(), ivrs: [IVR] }),
      lookups: { slowVip: async () => { asks++; await new Promise((r) => setTimeout(r, asks === 2 ? 300 : 50)); return 'no'; } },
    });
    app = await buildApp({ service, jwtSecret: 'x', logger: false });
    const pbx = { 'x-api-key': PBX_KEY };
    const start = () => app!.inject({ method: 'POST', url: '/v1/ivr/sessions', headers: pbx, payload: { callId: 'race-1@pbx' } });
    const first = start();
    const retry = start(); // the PBX's retry, sent before the first answered
    const s = (await first).json();
    expect(s).toMatchObject({ sessionId: 'race-1@pbx', inputs: 0, action: { kind: 'collect' } });
    // The caller presses 1: routed, the session has ended.
    const done = (await app.inject({ method: 'POST', url: '/v1/ivr/sessions/race-1@pbx/inputs', headers: pbx, payload: { type: 'digits', digits: '1', seq: 0 } })).json();
    expect(done).toMatchObject({ ended: true, inputs: 1, action: { kind: 'route' } });
    await retry;
    const now = (await app.inject({ method: 'GET', url: '/v1/ivr/sessions/race-1@pbx', headers: pbx })).json();
    // The session must still be the routed one, not a fresh second session at the menu.
    expect(now).toMatchObject({ ended: true, inputs: 1, action: { kind: 'route' } });
  });
});
