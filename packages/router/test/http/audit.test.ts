import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './http-fixture.js';

let t: TestApp;
beforeEach(async () => { t = await testApp(); });
afterEach(async () => { await t.close(); });

describe('the audit log', () => {
  it('records every configuration change with who, what, before → after and when, newest first', async () => {
    const q = { id: 'billing', steps: [{ requirement: 'support>=3', afterSeconds: 0 }] };
    await t.call('admin', 'PUT', '/v1/config/queues/billing', q);
    await t.call('sue', 'PUT', '/v1/agents/bob/skills', { skills: { sales: 5 } });
    await t.call('admin', 'PUT', '/v1/config/centers/riga', { id: 'riga', timeZone: 'Europe/Riga' });
    await t.call('admin', 'DELETE', '/v1/config/queues/billing');
    const log = (await t.call('max', 'GET', '/v1/audit')).json();
    expect(log.map((e: { actor: string; action: string; kind: string; entityId: string }) => [e.actor, e.action, e.kind, e.entityId])).toEqual([
      ['user:admin', 'delete', 'queue', 'billing'],
      ['user:admin', 'create', 'center', 'riga'],
      ['user:sue', 'update', 'agent', 'bob'],
      ['user:admin', 'create', 'queue', 'billing'],
    ]);
    const skills = log[2];
    expect(skills.before).toMatchObject({ id: 'bob', skills: { sales: 3, support: 2 } });
    expect(skills.after).toMatchObject({ id: 'bob', skills: { sales: 5 } });
    expect(log[0].before).toEqual(q);
    expect(log[0].after).toBeNull();
    expect(Date.now() - Date.parse(log[0].at)).toBeLessThan(60_000);
    expect((await t.call('max', 'GET', '/v1/audit?limit=1')).json()).toHaveLength(1);
  });

  it('records nothing for a refused change, and the configuration stays as it was', async () => {
    await t.ready('ann');
    const refused = [
      await t.call('admin', 'DELETE', '/v1/config/agents/ann'), // logged in
      await t.call('admin', 'PUT', '/v1/config/queues/sales', { id: 'sales', steps: [{ requirement: 'nosuchskill', afterSeconds: 0 }] }),
      await t.call('admin', 'PUT', '/v1/config/agents/zed', { id: 'zed', skills: { sales: 9 } }),
      await t.call('admin', 'DELETE', '/v1/config/centers/nowhere'),
      await t.call('sue', 'PUT', '/v1/agents/cat/skills', { skills: { support: 1 } }),
    ];
    expect(refused.map((r) => [r.statusCode, r.json().code])).toEqual([
      [409, 'AGENT_STATE_INVALID'], [400, 'SKILL_INVALID'], [400, 'REQUEST_INVALID'], [404, 'ENTRY_UNKNOWN'], [403, 'FORBIDDEN'],
    ]);
    expect((await t.call('admin', 'GET', '/v1/audit')).json()).toEqual([]);
    expect((await t.call('admin', 'GET', '/v1/config/agents')).json().map((a: { id: string }) => a.id).sort()).toEqual(['ann', 'bob', 'cat']);
  });

  it('is kept in the body of a queue replaced whole (before and after in full)', async () => {
    const next = { id: 'support', strategy: 'round-robin', steps: [{ requirement: 'support>=2', afterSeconds: 0 }] };
    await t.call('admin', 'PUT', '/v1/config/queues/support', next);
    const [entry] = (await t.call('admin', 'GET', '/v1/audit')).json();
    expect(entry).toMatchObject({ action: 'update', before: { id: 'support', steps: [{ requirement: 'support', afterSeconds: 0 }] }, after: next });
  });
});
