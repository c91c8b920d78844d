import { describe, expect, it } from 'vitest';
import { ManualClock, RoutingEngine } from '@switchboard/router';

// Regression: the escalation timer is due at `enteredAt + afterMs`; the step check used
// `now - enteredAt >= afterMs`. With fractional times the two can disagree (here: an entry time
// built from 23 additions of a fractional step), so the timer fired, saw no new step,
// rescheduled itself at the same instant and the engine spun forever.
describe('escalation with fractional times', () => {
  it('reaches the next step when its timer fires', () => {
    const step = 1578.9473684210527;
    const clock = new ManualClock(0);
    const e = RoutingEngine.create({
      skills: [{ id: 'a' }],
      queues: [{ id: 'q', steps: [{ requirement: 'a>=4', afterSeconds: 0 }, { requirement: 'a', afterSeconds: 30.3 }] }],
      agents: [{ id: 'x', skills: { a: 1 } }],
    }, { clock });
    e.login('x');
    e.ready('x');
    for (let i = 0; i < 23; i++) clock.advance(step);
    const enteredAt = clock.now();
    expect(enteredAt + 30_300 - enteredAt).toBeLessThan(30_300); // the float trap is really set
    e.submit({ id: 'c', queueId: 'q' });
    clock.advance(31_000);
    e.advance();
    expect(e.contact('c').state).toBe('reserved');
    expect(e.contact('c').step).toBe(1);
  });
});
