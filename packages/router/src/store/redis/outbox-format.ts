import type { RoutingEvent } from '../../core/events.js';

/** One event read from a domain's outbox: where it sorts (`<ms>-<seq>[-<n>]`) and the event (undefined: not an event). */
export interface OutboxEvent {
  readonly position: string;
  readonly event: RoutingEvent | undefined;
}

function parse(json: string): RoutingEvent | undefined {
  try {
    return JSON.parse(json) as RoutingEvent;
  } catch {
    return undefined;
  }
}

/**
 * The events of one outbox entry, in order. The store writes the events of a call as one
 * entry, field `b`, one event (JSON) per line: the n-th sorts at `<entry id>-<n>`. An entry with
 * a field `e` holds one event, at the entry's id. A line or field that is not JSON gives an
 * event `undefined` (a reader skips it rather than retrying it forever).
 */
export function outboxEvents(id: string, fields: readonly string[]): OutboxEvent[] {
  const out: OutboxEvent[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const value = fields[i + 1] as string;
    if (fields[i] === 'e') out.push({ position: id, event: parse(value) });
    else if (fields[i] === 'b') value.split('\n').forEach((line, n) => out.push({ position: `${id}-${n}`, event: parse(line) }));
  }
  return out;
}
