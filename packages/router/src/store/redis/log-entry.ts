/** A log entry as Redis returns it: its id and its fields, flat. */
export type RawEntry = [id: string, fields: string[]];

/** One log entry: its id, its time (ms) and its operations' texts. */
export interface LogEntry {
  readonly id: string;
  readonly time: number;
  readonly batch: string;
}

/** A raw stream entry as a log entry (fields `t` and `b`). */
export function entryOf([id, fields]: RawEntry): LogEntry {
  let time = 0;
  let batch = '';
  for (let i = 0; i + 1 < fields.length; i += 2) {
    if (fields[i] === 't') time = Number(fields[i + 1]);
    else if (fields[i] === 'b') batch = fields[i + 1] as string;
  }
  return { id, time, batch };
}

/** Entries after the reader's position were trimmed (a snapshot moved on): restore the snapshot. */
export class BehindSnapshot extends Error {
  constructor() {
    super('the log was trimmed past this position');
  }
}
