import { ManualClock, RoutingEngine } from '@switchboard/router';

const clock = new ManualClock(Date.parse('2026-11-25T09:00:00Z'));
const engine = RoutingEngine.create({
  skills: [{ id: 'sales' }, { id: 'support' }],
  queues: [{
    id: 'sales',
    steps: [{ requirement: 'sales>=4', afterSeconds: 0 }, { requirement: 'sales>=2 | support>=3', afterSeconds: 30 }],
    priority: { tierBoostSeconds: { gold: 60 }, maxBoostSeconds: 120 },
  }],
  agents: [{ id: 'ann', skills: { sales: 5 } }, { id: 'bob', skills: { support: 4 } }],
}, { clock });
engine.eventsOf('reservation.created').subscribe((e) => console.log(`offer ${e.contactId} -> ${e.agentId}`));
for (const id of ['ann', 'bob']) { engine.login(id); engine.ready(id); }

const call1 = engine.submit({ id: 'call-1', queueId: 'sales', caller: '+78129978363' });
if (call1.kind === 'reserved') engine.accept(call1.reservationId, call1.token); // ann answers
const call2 = engine.submit({ id: 'call-2', queueId: 'sales', valueTier: 'gold' });
console.log(call2.kind);                       // queued: ann is busy, bob lacks sales>=4
clock.advance(30_000);
engine.advance();                              // step 2 relaxes the requirement: bob qualifies
console.log(engine.contact('call-2').agentId); // bob
console.log(engine.queueStats('sales'));       // waiting 0, answered 1, service level …
