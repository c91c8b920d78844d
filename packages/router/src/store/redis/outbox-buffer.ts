/** Most events one call writes to the outbox. */
const MAX_EVENTS = 4096;

/** True when stream id `a` comes after stream id `b` (`<ms>-<seq>`). */
export function afterId(a: string, b: string): boolean {
  const i = a.indexOf('-');
  const j = b.indexOf('-');
  const ma = Number(a.slice(0, i));
  const mb = Number(b.slice(0, j));
  return ma !== mb ? ma > mb : Number(a.slice(i + 1)) > Number(b.slice(j + 1));
}

interface Buffered {
  readonly id: string;
  readonly events: readonly string[];
}

/**
 * The events of the log entries this process applied that the domain's outbox does not hold
 * yet, in log order. Every process keeps them, so when the process that sent an entry dies
 * before writing its events, another writes them — or, if every process died, the next one to
 * open the domain, which derives them again as it applies the log. The script writes a range
 * only if the outbox is where the range starts, so each entry's events are written once.
 */
export class Outbox {
  private entries: Array<Buffered | undefined> = [];
  private head = 0;
  private at: string;

  constructor(position: string) {
    this.at = position;
  }

  /** The id of the last log entry whose events the outbox holds (as last seen). */
  get position(): string {
    return this.at;
  }

  /** Events wait to be written. */
  get unwritten(): boolean {
    return this.head < this.entries.length;
  }

  /** Keeps an applied entry's events until the outbox holds them. */
  add(id: string, events: readonly string[]): void {
    this.entries.push({ id, events });
  }

  /**
   * The script's outbox arguments: where the range starts, the entry it reaches, its events
   * (one per line), for at most `max` events (whole entries; at least one entry).
   */
  args(max = MAX_EVENTS): [string, string, string] {
    if (!this.unwritten) return ['', '', ''];
    const events: string[] = [];
    let last = '';
    for (let i = this.head; i < this.entries.length; i++) {
      const e = this.entries[i] as Buffered;
      if (last !== '' && events.length + e.events.length > max) break;
      for (const ev of e.events) events.push(ev);
      last = e.id;
    }
    return [this.at, last, events.join('\n')];
  }

  /** The outbox reached `position` (this process or another wrote it): drop what it holds. */
  written(position: string): void {
    if (!afterId(position, this.at)) return;
    this.at = position;
    // Entries are let go of as soon as they are written: kept, they would outlive young collections.
    while (this.head < this.entries.length && !afterId((this.entries[this.head] as Buffered).id, position)) this.entries[this.head++] = undefined;
    if (this.head > 1024 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
  }
}
