import type { RoutingEvent, RoutingEventType } from './events.js';

/** Something that takes events: in practice the subscriber of an engine Observable. */
export interface EventSink {
  next(e: RoutingEvent): void;
}

interface Listener {
  readonly types: ReadonlySet<string> | undefined;
  readonly sink: EventSink;
}

const NONE: readonly EventSink[] = Object.freeze([]);

/**
 * Delivers engine events straight to their subscribers, in subscription order, without a
 * broadcast Subject in between: each event type has the list of sinks that want it, rebuilt
 * only when someone subscribes or unsubscribes. Emitting to nobody costs one lookup, so the
 * engine builds an event only when {@link EventHub.wants} says someone listens.
 */
export class EventHub {
  private listeners: readonly Listener[] = [];
  private byType = new Map<string, readonly EventSink[]>();

  /** True when someone listens to events of this type. */
  wants(type: RoutingEventType): boolean {
    return this.sinksOf(type).length > 0;
  }

  emit(e: RoutingEvent): void {
    const sinks = this.sinksOf(e.type);
    for (let i = 0; i < sinks.length; i++) (sinks[i] as EventSink).next(e);
  }

  /** Adds a listener for the given types (all types when undefined); returns its removal. */
  add(types: readonly RoutingEventType[] | undefined, sink: EventSink): () => void {
    const l: Listener = { types: types === undefined ? undefined : new Set(types), sink };
    this.listeners = [...this.listeners, l];
    this.byType = new Map();
    return () => {
      this.listeners = this.listeners.filter((x) => x !== l);
      this.byType = new Map();
    };
  }

  private sinksOf(type: string): readonly EventSink[] {
    let sinks = this.byType.get(type);
    if (sinks === undefined) {
      const list = this.listeners.filter((l) => l.types === undefined || l.types.has(type)).map((l) => l.sink);
      sinks = list.length === 0 ? NONE : list;
      this.byType.set(type, sinks);
    }
    return sinks;
  }
}
