import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROUTING_ERRORS, RoutingError, isRoutingError } from '@switchboard/router';
import { ERROR_CATALOGUE, SERVICE_ERRORS } from '@switchboard/router/service';
import { IVR_ERRORS } from '@switchboard/ivr';
import { WFM_ERRORS } from '@switchboard/router/wfm';

const doc = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');

/** Rows of the error table: | `CODE` | status | meaning | typical cause | */
const rows = [...doc.matchAll(/^\| `([A-Z_]+)` \| (\d{3}) \| ([^|]+?) \| ([^|]+?) \|$/gm)].map(([, code, status, meaning, cause]) => ({
  code: code as string,
  status: Number(status),
  meaning: meaning as string,
  cause: cause as string,
}));

describe('docs/errors.md', () => {
  it('lists every ROUTING_ERRORS and SERVICE_ERRORS code exactly once, and nothing else', () => {
    const codes = rows.map((r) => r.code);
    expect(new Set(codes).size, 'a code is listed twice').toBe(codes.length);
    expect([...codes].sort()).toEqual(Object.keys(ERROR_CATALOGUE).sort());
  });

  it('gives each code the catalogue status and message', () => {
    const documented = Object.fromEntries(rows.map((r) => [r.code, { status: r.status, message: r.meaning }]));
    expect(documented).toEqual(ERROR_CATALOGUE);
  });

  it('keeps the router, IVR, workforce-management and service codes apart (no code in two tables)', () => {
    const all = [...Object.keys(ROUTING_ERRORS), ...Object.keys(IVR_ERRORS), ...Object.keys(WFM_ERRORS), ...Object.keys(SERVICE_ERRORS)];
    expect(new Set(all).size).toBe(all.length);
  });

  it('explains a typical cause for each code', () => {
    for (const r of rows) expect(r.cause.length, r.code).toBeGreaterThan(20);
  });

  it('has no table row the parser skipped', () => {
    const tableLines = doc.split('\n').filter((l) => l.startsWith('| `'));
    expect(tableLines).toHaveLength(rows.length);
  });
});

describe('RoutingError', () => {
  it('carries code, status, catalogue message, detail and cause', () => {
    const cause = new Error('root');
    const e = new RoutingError('QUEUE_UNKNOWN', "no queue 'x'", { cause });
    expect(e).toBeInstanceOf(Error);
    expect([e.name, e.code, e.status, e.message, e.cause]).toEqual(['RoutingError', 'QUEUE_UNKNOWN', 404, "Queue is not known: no queue 'x'", cause]);
    expect(new RoutingError('AGENT_BUSY').message).toBe('Agent still holds contacts');
  });

  it('is told apart by isRoutingError, optionally by code', () => {
    const e = new RoutingError('AGENT_BUSY');
    expect([isRoutingError(e), isRoutingError(e, 'AGENT_BUSY'), isRoutingError(e, 'AGENT_UNKNOWN')]).toEqual([true, true, false]);
    expect(isRoutingError({ code: 'AGENT_BUSY' })).toBe(false);
  });

  it('maps every code to a 4xx status (bad input or state), except an unreachable store: 503', () => {
    for (const [code, { status }] of Object.entries(ROUTING_ERRORS)) {
      expect(code === 'STORE_UNAVAILABLE' ? [503] : [400, 404, 409], code).toContain(status);
    }
  });
});
