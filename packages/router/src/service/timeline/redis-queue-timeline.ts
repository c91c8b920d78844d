import type { Redis } from 'ioredis';
import { reach } from '../../store/redis/reach.js';
import { serviceKey } from '../redis-ports.js';
import { KEEP_MS, minuteOf, type QueueSample, type QueueTimeline, type TimelinePoint } from './queue-timeline.js';

/**
 * KEYS[1] the queue's timeline (hash: minute → "waiting,serviceLevel"); ARGV minute, waiting,
 * serviceLevel ('' for none), oldest minute to keep. Merges the sample into its minute (waiting:
 * the larger; service level: the latest) and drops minutes older than a day — one script, so
 * processes sampling the same minute do not lose each other's peaks.
 */
const RECORD = `
local old = redis.call('HGET', KEYS[1], ARGV[1])
local waiting = tonumber(ARGV[2])
if old then
  local w = tonumber(string.match(old, '^([^,]*)'))
  if w and w > waiting then waiting = w end
end
redis.call('HSET', KEYS[1], ARGV[1], waiting .. ',' .. ARGV[3])
if math.random() < 0.02 then
  for _, f in ipairs(redis.call('HKEYS', KEYS[1])) do
    if tonumber(f) < tonumber(ARGV[4]) then redis.call('HDEL', KEYS[1], f) end
  end
end
redis.call('PEXPIRE', KEYS[1], ${KEEP_MS})
return 1`;

/** The timeline in Redis: one hash per queue, shared by the domain's processes. */
export class RedisQueueTimeline implements QueueTimeline {
  constructor(private readonly redis: Redis, private readonly domain: string) {}

  private key(queueId: string): string {
    return serviceKey(this.domain, 'timeline', queueId);
  }

  async record(at: number, samples: readonly QueueSample[]): Promise<void> {
    const t = minuteOf(at);
    await reach(() => Promise.all(samples.map((s) => this.redis.eval(RECORD, 1, this.key(s.queueId), t, s.waiting, s.serviceLevel ?? '', t - KEEP_MS))));
  }

  async since(from: number, queueIds: readonly string[]): Promise<Record<string, TimelinePoint[]>> {
    const all = await reach(() => Promise.all(queueIds.map((q) => this.redis.hgetall(this.key(q)))));
    return Object.fromEntries(queueIds.map((q, i) => [q, Object.entries(all[i] ?? {})
      .map(([t, v]): TimelinePoint => {
        const [w, sl] = v.split(',');
        return { t: Number(t), waiting: Number(w), serviceLevel: sl === undefined || sl === '' ? null : Number(sl) };
      })
      .filter((p) => p.t >= minuteOf(from))
      .sort((a, b) => a.t - b.t)]));
  }
}
