import { Type, type TSchema } from 'typebox';

/** Request and response schemas of the interaction history and wrap-up endpoints. */

const Opt = <T extends TSchema>(t: T) => Type.Optional(t);
const Detail = Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Array(Type.String())]);

export const HistoryEntry = Type.Object({
  id: Type.String({ description: 'its id in the whole history (append order): the export cursor' }),
  interactionId: Type.String(),
  position: Type.String({ description: 'where it sorts within its interaction' }),
  at: Type.Number({ description: 'when it happened (ms since the epoch)' }),
  kind: Type.String({ description: 'arrived, ivr.completed, queued, offered, answered, transferred, wrapUp.filed, ended, …' }),
  source: Type.String({ description: 'router (a routing event) or service' }),
  queueId: Opt(Type.String()), agentId: Opt(Type.String()), customerId: Opt(Type.String()),
  details: Type.Record(Type.String(), Detail),
});

export const InteractionSummary = Type.Object({
  interactionId: Type.String(), startedAt: Opt(Type.Number()), endedAt: Opt(Type.Number()),
  outcome: Opt(Type.String({ description: 'completed, abandoned, expired or refused; absent while it lasts' })),
  channel: Opt(Type.String()), customerId: Opt(Type.String()),
  queueIds: Type.Array(Type.String()), agentIds: Type.Array(Type.String()),
  dispositions: Type.Record(Type.String(), Type.String(), { description: 'agent id → the disposition it filed' }),
  entries: Type.Integer(),
});

export const InteractionRecord = Type.Object({ interaction: InteractionSummary, entries: Type.Array(HistoryEntry) });

export const ListQuery = Type.Object({
  limit: Opt(Type.Integer({ minimum: 1, maximum: 500, description: 'at most this many, newest first (default 50)' })),
}, { additionalProperties: false });

export const AgentListQuery = Type.Object({
  limit: Opt(Type.Integer({ minimum: 1, maximum: 500, description: 'at most this many, newest first (default 50)' })),
  since: Opt(Type.Number({ minimum: 0, maximum: 1e15, description: 'only interactions the agent had a part in at or after this time (ms)' })),
}, { additionalProperties: false });

export const ExportQuery = Type.Object({
  after: Opt(Type.String({ pattern: '^[0-9]{1,16}(-[0-9]{1,18})?$', description: 'the id of the last entry already exported (resume)' })),
  limit: Opt(Type.Integer({ minimum: 1, maximum: 100_000, description: 'at most this many lines (default 10,000)' })),
}, { additionalProperties: false });

export const WrapUpBody = Type.Object({
  disposition: Opt(Type.String({ minLength: 1, maxLength: 64, description: "one of the queue's dispositions" })),
  note: Opt(Type.String({ minLength: 1, maxLength: 4000 })),
}, { additionalProperties: false, minProperties: 1 });

export const WaiveBody = Type.Object({
  contactIds: Opt(Type.Array(Type.String({ minLength: 1, maxLength: 128 }), { minItems: 1, maxItems: 500, description: 'only these (default: every missing one)' })),
  reason: Opt(Type.String({ minLength: 1, maxLength: 500 })),
}, { additionalProperties: false });

const Needs = Type.Object({ disposition: Type.Boolean(), note: Type.Boolean() });

export const ShiftCheck = Type.Object({
  agentId: Type.String(),
  shiftStartedAt: Opt(Type.Number({ description: "the agent's last login" })),
  missing: Type.Array(Type.Object({ contactId: Type.String(), queueId: Type.String(), answeredAt: Type.Number(), needs: Needs })),
});

export const Waived = Type.Object({ waived: Type.Array(Type.String()) });
