import { setup } from 'xstate';

/** Every state a contact can be in, initial state first. */
export const CONTACT_STATES = [
  'new',
  'scheduled',
  'preferred',
  'queued',
  'reserved',
  'active',
  'completed',
  'abandoned',
  'expired',
  'refused',
] as const;

/** A contact's lifecycle state (see {@link contactMachine} for the diagram). */
export type ContactState = (typeof CONTACT_STATES)[number];

/** Every event type the contact lifecycle knows: dotted, past tense. */
export const CONTACT_EVENTS = [
  'callback.scheduled',
  'preferred.waiting',
  'queue.entered',
  'queue.overflowed',
  'step.escalated',
  'callback.requested',
  'offer.reserved',
  'offer.accepted',
  'contact.transferred',
  'contact.completed',
  'contact.abandoned',
  'contact.expired',
  'contact.refused',
] as const;

/** The type of a contact lifecycle event. */
export type ContactEventType = (typeof CONTACT_EVENTS)[number];

/**
 * A contact lifecycle event. Events carry no payload: the engine keeps the data, the machine
 * only decides which transitions are legal.
 */
export type ContactEvent = { [K in ContactEventType]: { type: K } }[ContactEventType];

/**
 * The contact lifecycle: the one source of truth for which (state, event) pairs are legal.
 *
 * The target of every transition depends on (state, event) alone — no guards, no context, no
 * timers — so the engine's hot path can use the table derived from it
 * (`contactTransitions` in `transition-table.ts`).
 *
 * ```
 *                               new
 *                                |
 *       +------------------------+------------+----------------------+
 *       | callback.scheduled     |            | preferred.waiting    | offer.reserved
 *       v                        |            v                      |
 *   scheduled                    |        preferred <-----+          |
 *       |                        |         |    |         |          |
 *       |                        |   queue.|    | offer.  |          |
 *       |                        |  entered|    | reserved|          |
 *       |                        v         |    v         |          |
 *       +--- queue.entered --> queued <----+  reserved <--|----------+
 *                              ^ | | ^        ^ | | |     |
 *     queue.overflowed,        | | | |        | | | +-----+ preferred.waiting
 *     step.escalated,          +-+ | +--------|-+ |
 *     callback.requested           |   queue. |   | offer.accepted
 *                                  |  entered |   v
 *                                  +----------+ active --- contact.transferred ---> queued
 *                                 offer.reserved  |
 *                                                 | contact.completed
 *                                                 v
 *                                             completed
 *
 *  final states, and where they are reached from:
 *    completed  <- contact.completed    active
 *    abandoned  <- contact.abandoned    new, scheduled, preferred, queued, reserved
 *    expired    <- contact.expired      preferred, queued  (max wait, no overflow target)
 *    refused    <- contact.refused      new, queued        (queue full, no overflow target)
 * ```
 *
 * Tags: `waiting` (preferred, queued: may be matched to an agent), `assigned` (reserved, active:
 * holds an agent), `terminal` (the four final states).
 *
 * A scheduled callback at its time is placed like a new contact: straight to a free preferred
 * agent (`offer.reserved`), waiting for its preferred agents (`preferred.waiting`), or queued.
 *
 * The three `queued -> queued` transitions are legal self-transitions (the contact changes queue
 * or step, or becomes a virtual-hold callback, but stays queued); they have an explicit target so
 * that they are told apart from events that have no transition.
 *
 * @example
 * ```ts
 * const actor = createActor(contactMachine).start();
 * actor.send({ type: 'queue.entered' });
 * actor.send({ type: 'offer.reserved' });
 * actor.getSnapshot().value; // 'reserved'
 * actor.getSnapshot().can({ type: 'contact.completed' }); // false: not accepted yet
 * ```
 */
export const contactMachine = setup({
  types: {
    events: {} as ContactEvent,
  },
}).createMachine({
  id: 'contact',
  initial: 'new',
  states: {
    new: {
      on: {
        'callback.scheduled': { target: 'scheduled' },
        'preferred.waiting': { target: 'preferred' },
        'queue.entered': { target: 'queued' },
        'offer.reserved': { target: 'reserved' },
        'contact.abandoned': { target: 'abandoned' },
        'contact.refused': { target: 'refused' },
      },
    },
    scheduled: {
      on: {
        'preferred.waiting': { target: 'preferred' },
        'queue.entered': { target: 'queued' },
        'offer.reserved': { target: 'reserved' },
        'contact.abandoned': { target: 'abandoned' },
      },
    },
    preferred: {
      tags: ['waiting'],
      on: {
        'queue.entered': { target: 'queued' },
        'offer.reserved': { target: 'reserved' },
        'contact.abandoned': { target: 'abandoned' },
        'contact.expired': { target: 'expired' },
      },
    },
    queued: {
      tags: ['waiting'],
      on: {
        'queue.overflowed': { target: 'queued' },
        'step.escalated': { target: 'queued' },
        'callback.requested': { target: 'queued' },
        'offer.reserved': { target: 'reserved' },
        'contact.abandoned': { target: 'abandoned' },
        'contact.expired': { target: 'expired' },
        'contact.refused': { target: 'refused' },
      },
    },
    reserved: {
      tags: ['assigned'],
      on: {
        'preferred.waiting': { target: 'preferred' },
        'queue.entered': { target: 'queued' },
        'offer.accepted': { target: 'active' },
        'contact.abandoned': { target: 'abandoned' },
      },
    },
    active: {
      tags: ['assigned'],
      on: {
        'contact.transferred': { target: 'queued' },
        'contact.completed': { target: 'completed' },
      },
    },
    completed: { type: 'final', tags: ['terminal'] },
    abandoned: { type: 'final', tags: ['terminal'] },
    expired: { type: 'final', tags: ['terminal'] },
    refused: { type: 'final', tags: ['terminal'] },
  },
});
