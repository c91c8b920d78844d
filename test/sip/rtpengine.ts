/**
 * rtpengine in user space for the SIP tests (Debian `rtpengine-daemon`, no kernel module),
 * and a minimal client of its control protocol ("ng": bencode over UDP) to count the RTP
 * packets each side of a call sent through it.
 */
import { createSocket } from 'node:dgram';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { freePorts, spawnLogged } from '../support/processes.js';

type Bencoded = number | string | Bencoded[] | { [k: string]: Bencoded };

function encode(v: Bencoded): string {
  if (typeof v === 'number') return `i${v}e`;
  if (typeof v === 'string') return `${Buffer.byteLength(v)}:${v}`;
  if (Array.isArray(v)) return `l${v.map(encode).join('')}e`;
  return `d${Object.keys(v).sort().map((k) => encode(k) + encode(v[k] as Bencoded)).join('')}e`;
}

function decode(b: Buffer, i: number): [Bencoded, number] {
  const c = b[i];
  if (c === 0x69) { const e = b.indexOf(0x65, i); return [Number(b.subarray(i + 1, e).toString()), e + 1]; } // i…e
  if (c === 0x6c || c === 0x64) { // l…e, d…e
    const list: Bencoded[] = [];
    let j = i + 1;
    while (b[j] !== 0x65) { const [v, n] = decode(b, j); list.push(v); j = n; }
    if (c === 0x6c) return [list, j + 1];
    const dict: Record<string, Bencoded> = {};
    for (let k = 0; k < list.length; k += 2) dict[String(list[k])] = list[k + 1] as Bencoded;
    return [dict, j + 1];
  }
  const colon = b.indexOf(0x3a, i);
  const n = Number(b.subarray(i, colon).toString());
  return [b.subarray(colon + 1, colon + 1 + n).toString(), colon + 1 + n];
}

/** One request over the ng protocol: `<cookie> <bencoded dict>`, answered the same way. */
function ng(port: number, message: Record<string, Bencoded>): Promise<Record<string, Bencoded>> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    const cookie = randomBytes(6).toString('hex');
    const timer = setTimeout(() => { socket.close(); reject(new Error(`rtpengine did not answer ${String(message.command)}`)); }, 3_000);
    socket.on('message', (m) => {
      const space = m.indexOf(0x20);
      if (m.subarray(0, space).toString() !== cookie) return;
      clearTimeout(timer);
      socket.close();
      resolve(decode(m, space + 1)[0] as Record<string, Bencoded>);
    });
    socket.send(`${cookie} ${encode(message)}`, port, '127.0.0.1');
  });
}

/** RTP packets each party of a call sent to rtpengine, by its SIP tag. */
export type PacketsByTag = Record<string, number>;

/** The running rtpengine. */
export interface Rtpengine {
  readonly ngPort: number;
  /** RTP packets received from each side of the call (From/To tags), 0 when rtpengine has no such call. */
  packets(callId: string): Promise<PacketsByTag>;
  output(): string;
  stop(): Promise<void>;
}

const RTPENGINE = process.env.RTPENGINE ?? '/usr/bin/rtpengine';

/** Starts rtpengine on 127.0.0.1 with its control port and a media port range of its own. */
export async function startRtpengine(): Promise<Rtpengine> {
  if (!existsSync(RTPENGINE)) throw new Error(`no rtpengine at ${RTPENGINE}: apt-get install rtpengine-daemon`);
  const ngPort = await freePorts(1);
  // Media ports below the kernel's ephemeral range (32768 on), where freePort() and SIPp pick
  // theirs: two processes must not race for one UDP port.
  const low = 10_000 + (ngPort % 200) * 100;
  const p = spawnLogged(RTPENGINE, [
    '--table=-1', '--interface=127.0.0.1', `--listen-ng=127.0.0.1:${ngPort}`, `--port-min=${low}`, `--port-max=${low + 99}`,
    '--foreground', '--log-stderr', '--log-level=4', '--no-fallback', `--pidfile=/tmp/sb-rtpengine-${ngPort}.pid`,
  ]);
  for (let i = 0; ; i++) {
    try {
      await ng(ngPort, { command: 'ping' });
      break;
    } catch (e) {
      if (i > 30 || p.child.exitCode !== null) throw new Error(`rtpengine did not start: ${(e as Error).message}\n${p.output()}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return {
    ngPort, output: p.output, stop: p.stop,
    packets: async (callId) => {
      const answer = await ng(ngPort, { command: 'query', 'call-id': callId });
      const out: PacketsByTag = {};
      const tags = (answer.tags ?? {}) as Record<string, { medias?: Array<{ streams?: Array<{ flags?: string[]; stats?: { packets?: number } }> }> }>;
      for (const [tag, t] of Object.entries(tags)) {
        out[tag] = (t.medias ?? []).flatMap((m) => m.streams ?? []).filter((s) => s.flags?.includes('RTP') === true).reduce((n, s) => n + (s.stats?.packets ?? 0), 0);
      }
      return out;
    },
  };
}
