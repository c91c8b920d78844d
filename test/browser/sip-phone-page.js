// The page of the SIP browser test: one JsSipSoftphone, driven by the test through
// `window.sip`. Plain JavaScript because it runs in the browser (the repository's root
// TypeScript program has no DOM types); Vite bundles it with the softphone for the test.
import { JsSipSoftphone } from '../../packages/agent-ui/src/softphone/jssip-softphone.ts';

// Every RTCPeerConnection JsSIP makes, so the test can read media statistics and DTMF senders.
const connections = [];
const NativePeerConnection = window.RTCPeerConnection;
window.RTCPeerConnection = class extends NativePeerConnection {
  constructor(...args) {
    super(...args);
    connections.push(this);
  }
};

const params = new URLSearchParams(location.search);
const state = { registration: [], calls: {}, events: [], dtmfReceived: [], tonesSent: [] };
const phone = new JsSipSoftphone({
  reconnect: { minSeconds: 1, maxSeconds: 2 },
  dtmfTransport: params.get('dtmf') === 'info' ? 'info' : 'rfc2833',
  onDtmfReceived: (_callId, tone) => state.dtmfReceived.push(tone),
});

/** Sums RTP packets of the audio streams of the live peer connections. */
async function media() {
  let received = 0;
  let sent = 0;
  for (const pc of connections) {
    if (pc.connectionState === 'closed') continue;
    (await pc.getStats()).forEach((s) => {
      if (s.type === 'inbound-rtp' && s.kind === 'audio') received += s.packetsReceived ?? 0;
      if (s.type === 'outbound-rtp' && s.kind === 'audio') sent += s.packetsSent ?? 0;
    });
  }
  return { received, sent, connections: connections.map((pc) => pc.connectionState) };
}

/** Records the tones the live connections' DTMF senders play (RFC 2833 telephone events). */
function watchTones() {
  for (const pc of connections) {
    for (const sender of pc.getSenders()) {
      if (sender.dtmf && !sender.dtmf.watched) {
        sender.dtmf.watched = true;
        sender.dtmf.addEventListener('tonechange', (e) => { if (e.tone !== '') state.tonesSent.push(e.tone); });
      }
    }
  }
}

window.sip = {
  state,
  phone,
  media,
  watchTones,
  register(credentials) {
    phone.register(credentials, {
      registration: (s, cause) => state.registration.push(cause === undefined ? s : `${s}: ${cause}`),
      call: (info) => {
        state.calls[info.id] = info;
        state.events.push(`${info.state}${info.cause === undefined ? '' : `: ${info.cause}`}`);
      },
    });
  },
  registered: () => state.registration.at(-1) === 'registered',
  /** The calls in one state. */
  callsIn: (s) => Object.values(state.calls).filter((c) => c.state === s),
};
