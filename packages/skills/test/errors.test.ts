import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SKILLS_ERRORS, SkillsError, isSkillsError } from '../src/index.js';

describe('SkillsError', () => {
  it('carries code, status, catalogue message and detail', () => {
    const e = new SkillsError('SKILL_UNKNOWN', "'sales'");
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('SkillsError');
    expect(e.code).toBe('SKILL_UNKNOWN');
    expect(e.status).toBe(400);
    expect(e.message).toBe("Skill is not in the catalogue: 'sales'");
    expect('position' in e).toBe(false);
    expect('path' in e).toBe(false);
  });

  it('uses the bare catalogue message without a detail, and keeps position, path and cause', () => {
    const cause = new Error('root');
    const e = new SkillsError('SKILL_DUPLICATE', undefined, { position: 3, path: 'all[0]', cause });
    expect(e.message).toBe('Skill id is defined twice');
    expect(e.status).toBe(409);
    expect([e.position, e.path, e.cause]).toEqual([3, 'all[0]', cause]);
  });

  it('isSkillsError tells its own errors from others', () => {
    expect(isSkillsError(new SkillsError('WEIGHT_INVALID'))).toBe(true);
    expect(isSkillsError(new Error('x'))).toBe(false);
    expect(isSkillsError({ code: 'WEIGHT_INVALID' })).toBe(false);
  });

  it('every status is a 4xx', () => {
    for (const { status } of Object.values(SKILLS_ERRORS)) expect(status).toBeGreaterThanOrEqual(400);
  });
});

describe('README error table', () => {
  it('lists exactly the catalogue: code, status and message', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const rows = [...readme.matchAll(/^\| `([A-Z_]+)` \| (\d{3}) \| (.+?) \|$/gm)].map(([, code, status, message]) => [
      code,
      { status: Number(status), message },
    ]);
    expect(Object.fromEntries(rows)).toEqual(SKILLS_ERRORS);
    expect(rows).toHaveLength(Object.keys(SKILLS_ERRORS).length);
  });
});
