import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigFileError, hashPassword, validateServiceConfig, type ServiceConfig } from '@switchboard/router/service';
import {
  DEFAULT_SIP_TTL_SECONDS, agentSipUri, ephemeralPassword, ephemeralUsername, issueSipCredentials, sipUserOf, withSipEnvironment,
} from '../../src/service/sip-credentials.js';
import { testApp, testConfig, type TestApp } from './http-fixture.js';

const SECRET = 'kamailio-shared-secret-0123';
const NOW = Date.parse('2026-11-23T10:00:00Z');

describe('ephemeral SIP credentials (Kamailio auth_ephemeral)', () => {
  it('computes the password as base64 HMAC-SHA1 (RFC 2202 test case 2)', () => {
    // key "Jefe", data "what do ya want for nothing?" → effcdf6ae5eb2fa2d27416d5f184df9c259a7c79
    expect(ephemeralPassword('Jefe', 'what do ya want for nothing?')).toBe(Buffer.from('effcdf6ae5eb2fa2d27416d5f184df9c259a7c79', 'hex').toString('base64'));
  });

  it('names the expiry first, then the SIP user (username_format 1)', () => {
    expect(ephemeralUsername('ann', 1_795_000_000)).toBe('1795000000:ann');
  });

  it('issues a user that expires ttlSeconds from now, and its password', () => {
    const c = issueSipCredentials({ wsUri: 'ws://127.0.0.1:8088', sharedSecret: SECRET, ttlSeconds: 600 }, 'sip:ann@pbx.test', NOW, 'Ann');
    const expiry = Math.floor(NOW / 1000) + 600;
    expect(c).toEqual({
      uri: 'sip:ann@pbx.test', wsUri: 'ws://127.0.0.1:8088', displayName: 'Ann',
      authorizationUser: `${expiry}:ann`, password: createHmac('sha1', SECRET).update(`${expiry}:ann`).digest('base64'), expiresAt: expiry * 1000,
    });
  });

  it('defaults to a 12-hour lifetime', () => {
    const c = issueSipCredentials({ wsUri: 'wss://pbx', sharedSecret: SECRET }, 'sip:ann@pbx.test', NOW);
    expect(c.expiresAt).toBe((Math.floor(NOW / 1000) + DEFAULT_SIP_TTL_SECONDS) * 1000);
    expect(DEFAULT_SIP_TTL_SECONDS).toBe(12 * 3600);
  });

  it('issues the address only when there is no shared secret', () => {
    expect(issueSipCredentials({ wsUri: 'wss://pbx' }, 'sip:ann@pbx.test', NOW)).toEqual({ uri: 'sip:ann@pbx.test', wsUri: 'wss://pbx' });
  });

  it('authenticates the user part of the address, not the agent id', () => {
    expect(sipUserOf('sip:1001@pbx.example;transport=ws')).toBe('1001');
    expect(() => sipUserOf('tel:+78005550101')).toThrow(/not a sip:user@host/);
    const config: ServiceConfig = { ...testConfig(), sipUris: { ann: 'sip:1001@pbx.example' } };
    expect(agentSipUri(config, 'ann')).toBe('sip:1001@pbx.example');
    expect(agentSipUri(config, 'bob')).toBe('sip:bob@pbx.test');
  });
});

describe('GET /v1/me/sip', () => {
  let t: TestApp | undefined;
  afterEach(async () => { await t?.close(); t = undefined; });

  const withSip = (sip: ServiceConfig['sip']): ServiceConfig => ({ ...testConfig(), sip });

  it("answers an agent with its own address and credentials the PBX can verify, never cached", async () => {
    t = await testApp({ config: withSip({ wsUri: 'ws://127.0.0.1:8088', sharedSecret: SECRET, ttlSeconds: 3600 }), now: () => NOW });
    const res = await t.call('ann', 'GET', '/v1/me/sip');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json() as { uri: string; wsUri: string; authorizationUser: string; password: string; displayName: string; expiresAt: number };
    expect(body.uri).toBe('sip:ann@pbx.test');
    expect(body.wsUri).toBe('ws://127.0.0.1:8088');
    expect(body.displayName).toBe('ann');
    const [expiry, user] = body.authorizationUser.split(':');
    expect(user).toBe('ann');
    expect(Number(expiry)).toBe(Math.floor(NOW / 1000) + 3600);
    expect(body.password).toBe(createHmac('sha1', SECRET).update(body.authorizationUser).digest('base64'));
    expect(body.expiresAt).toBe(Number(expiry) * 1000);
  });

  it('refuses supervisors and admins (FORBIDDEN) and anonymous callers (AUTH_REQUIRED)', async () => {
    t = await testApp({ config: withSip({ wsUri: 'ws://127.0.0.1:8088', sharedSecret: SECRET }) });
    for (const who of ['sue', 'admin']) expect((await t.call(who, 'GET', '/v1/me/sip')).json()).toMatchObject({ code: 'FORBIDDEN', status: 403 });
    expect((await t.call(undefined, 'GET', '/v1/me/sip')).json()).toMatchObject({ code: 'AUTH_REQUIRED' });
    expect((await t.call('pbx', 'GET', '/v1/me/sip')).statusCode).toBe(403);
  });

  it('answers SIP_NOT_CONFIGURED when the service knows no PBX', async () => {
    t = await testApp();
    const res = await t.call('ann', 'GET', '/v1/me/sip');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'SIP_NOT_CONFIGURED', status: 404 });
  });
});

describe('the sip configuration', () => {
  const raw = (extra: Record<string, unknown>) => ({
    domain: { skills: [{ id: 's' }], queues: [{ id: 'q', steps: [{ requirement: 's', afterSeconds: 0 }] }], agents: [{ id: 'ann', skills: { s: 1 } }] },
    users: [{ id: 'ann', role: 'agent', agentId: 'ann', passwordHash: hashPassword('pw') }],
    ...extra,
  });

  it('takes sip.domain as the domain of agents when sipDomain is not given', () => {
    const c = validateServiceConfig(raw({ sip: { wsUri: 'wss://pbx.example:8089', domain: 'agents.example' } }));
    expect(c.sipDomain).toBe('agents.example');
    expect(c.sip?.wsUri).toBe('wss://pbx.example:8089');
  });

  it('refuses a domain that differs from sipDomain, a URL that is not ws(s), a short secret', () => {
    expect(() => validateServiceConfig(raw({ sipDomain: 'a.example', sip: { wsUri: 'ws://x', domain: 'b.example' } }))).toThrow(/config\.sip\.domain: 'b\.example' differs/);
    expect(() => validateServiceConfig(raw({ sip: { wsUri: 'http://x' } }))).toThrow(ConfigFileError);
    expect(() => validateServiceConfig(raw({ sip: { wsUri: 'ws://x', sharedSecret: 'short' } }))).toThrow(/sharedSecret/);
  });

  it('lets SIP_WS_URI and SIP_SHARED_SECRET set or override the section', () => {
    const base = validateServiceConfig(raw({ sip: { wsUri: 'ws://a:1', ttlSeconds: 600 } }));
    expect(withSipEnvironment(base, {})).toBe(base);
    expect(withSipEnvironment(base, { SIP_WS_URI: 'wss://b:2', SIP_SHARED_SECRET: SECRET }).sip).toEqual({ wsUri: 'wss://b:2', ttlSeconds: 600, sharedSecret: SECRET });
    const none = validateServiceConfig(raw({}));
    expect(withSipEnvironment(none, { SIP_WS_URI: 'ws://127.0.0.1:8088' }).sip).toEqual({ wsUri: 'ws://127.0.0.1:8088' });
    expect(() => withSipEnvironment(none, { SIP_SHARED_SECRET: SECRET })).toThrow(/set SIP_WS_URI/);
    expect(() => withSipEnvironment(none, { SIP_WS_URI: 'http://x' })).toThrow(/not a ws/);
    expect(() => withSipEnvironment(base, { SIP_SHARED_SECRET: 'short' })).toThrow(/16 characters/);
  });
});
