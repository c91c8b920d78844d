/** A string tagged with the kind of entity it names, so ids of different kinds cannot be mixed up. */
export type Brand<T, B extends string> = T & { readonly __brand: B };

/** Identifies an agent within a routing domain. */
export type AgentId = Brand<string, 'AgentId'>;
/** Identifies a contact (an interaction: call, chat, email, callback). */
export type ContactId = Brand<string, 'ContactId'>;
/** Identifies a queue within a routing domain. */
export type QueueId = Brand<string, 'QueueId'>;
/** Identifies one offer of a contact to an agent. */
export type ReservationId = Brand<string, 'ReservationId'>;

/** Ids are 1–128 printable characters without spaces. */
export const ID_PATTERN = /^[A-Za-z0-9._:@+-]{1,128}$/;
