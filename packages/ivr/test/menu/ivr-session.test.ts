import { describe, expect, it } from 'vitest';
import { compileIvr, DEMO_IVR, isIvrError, startIvr, stepIvr, timeoutIfDue, type IvrSession } from '@switchboard/ivr';

const ivr = compileIvr(DEMO_IVR);
const MON_10 = Date.parse('2026-11-23T07:00:00Z'); // Monday 10:00 in Moscow
const MON_03 = Date.parse('2026-11-23T00:30:00Z'); // Monday 03:30 in Moscow: closed

const press = (s: IvrSession, digits: string, at = MON_10) => stepIvr(ivr, s, { type: 'digits', digits }, at);

describe('the demo IVR', () => {
  it('asks for the language during opening hours, then plays the main menu in it', () => {
    const s0 = startIvr(ivr, MON_10);
    expect(s0.action).toMatchObject({ kind: 'collect', node: 'language', maxDigits: 1, timeoutSeconds: 4 });
    const s1 = press(s0, '2');
    expect(s1.action).toMatchObject({ kind: 'collect', node: 'main', prompts: [{ text: expect.stringMatching(/^Sales, press 1/), language: 'en' }] });
  });

  it('offers a callback when closed', () => {
    const s0 = startIvr(ivr, MON_03);
    expect(s0.action).toMatchObject({ kind: 'collect', node: 'closed' });
    const s1 = press(s0, '9', MON_03);
    expect(s1).toMatchObject({ ended: true, action: { kind: 'callback', queueId: 'support', attributes: { reason: 'callback', language: 'ru' } } });
  });

  it('routes sales with what it learned, by key or by speech', () => {
    const main = press(startIvr(ivr, MON_10), '1');
    expect(press(main, '1').action).toMatchObject({ kind: 'route', queueId: 'sales', attributes: { reason: 'sales', language: 'ru', data: { topic: 'sales' } } });
    expect(stepIvr(ivr, main, { type: 'speech', text: 'I lost my ticket' }, MON_10).action).toMatchObject({ kind: 'route', queueId: 'support', attributes: { reason: 'lost-ticket', requiredSkills: ['support'] } });
  });

  it('collects an account number, asks the lookup, and sends a debtor to collections', () => {
    let s = press(press(startIvr(ivr, MON_10), '1'), '3');
    expect(s.action).toMatchObject({ kind: 'collect', node: 'account', minDigits: 6, maxDigits: 10, terminator: '#' });
    s = press(s, '123');
    expect(s.action).toMatchObject({ kind: 'collect', node: 'account', prompts: [{ text: 'Номер счёта — от 6 до 10 цифр.' }, { text: expect.stringMatching(/^Введите/) }] });
    s = press(s, '555777#');
    expect(s.action).toEqual({ kind: 'lookup', node: 'overdue', function: 'accountOverdue', input: '555777', prompts: [] });
    expect(() => press(s, '1')).toThrow(expect.objectContaining({ code: 'IVR_INPUT_INVALID' }));
    const done = stepIvr(ivr, s, { type: 'lookup', value: 'yes' }, MON_10);
    expect(done.action).toMatchObject({ kind: 'route', queueId: 'collections', attributes: { reason: 'collections', data: { account: '555777', overdue: 'yes' } } });
  });

  it('re-prompts on no input and invalid keys, then gives up to an operator', () => {
    let s = press(startIvr(ivr, MON_10), '1');
    s = stepIvr(ivr, s, { type: 'timeout' }, MON_10 + 6_000);
    expect(s.action.prompts.map((p) => p.text)).toEqual(['Мы вас не услышали.', expect.stringMatching(/^Покупка/)]);
    s = press(s, '7');
    expect(s.action.prompts[0]?.text).toBe('Такой клавиши нет.');
    s = press(s, '8');
    expect(s.action).toMatchObject({ kind: 'route', queueId: 'support', attributes: { reason: 'general' } });
  });

  it('applies a timeout on an injected clock when the PBX stays silent past the deadline', () => {
    const s = press(startIvr(ivr, MON_10), '1');
    expect(s.deadline).toBe(MON_10 + 6_000);
    expect(timeoutIfDue(ivr, s, MON_10 + 5_999)).toBe(s);
    expect(timeoutIfDue(ivr, s, MON_10 + 6_000).action.prompts[0]?.text).toBe('Мы вас не услышали.');
  });

  it('ends on hang-up from anywhere, and refuses input after the end', () => {
    const s = stepIvr(ivr, startIvr(ivr, MON_10), { type: 'hangup' }, MON_10);
    expect(s).toMatchObject({ ended: true, action: { kind: 'hangup', reason: 'caller-hung-up' } });
    try {
      press(s, '1');
      expect.unreachable();
    } catch (e) {
      expect(isIvrError(e, 'IVR_SESSION_ENDED')).toBe(true);
    }
  });

  it('refuses malformed input', () => {
    const s = startIvr(ivr, MON_10);
    for (const input of [{ type: 'digits', digits: 'abc' }, { type: 'digits', digits: '' }, { type: 'speech', text: '' }] as const) {
      expect(() => stepIvr(ivr, s, input, MON_10)).toThrow(expect.objectContaining({ code: 'IVR_INPUT_INVALID' }));
    }
  });

  it('keeps a session as plain JSON between inputs', () => {
    const s = JSON.parse(JSON.stringify(press(startIvr(ivr, MON_10), '2'))) as IvrSession;
    expect(press(s, '4').action).toMatchObject({ kind: 'route', attributes: { reason: 'complaint', language: 'en' } });
  });
});
