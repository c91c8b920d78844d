#!/usr/bin/env bash
# The local contact-center stack, all on 127.0.0.1: rtpengine (user space), Kamailio routing
# every inbound call through Switchboard, and the Switchboard service with the demo domain
# (or --config file.json, passed on to `switchboard serve`). Ctrl-C stops all three.
#
#   integrations/kamailio/start-stack.sh            # npm run sip:stack
#
# Ports (environment): PORT 8080 (service), SIP_PORT 5060 (SIP, UDP and TCP), WS_PORT 8088
# (agents' softphones), RTPENGINE_NG 2223 (rtpengine control), media 30000-30999.
# PBX_ID / PBX_KEY: the PBX entry of the service configuration Kamailio authenticates as.
set -euo pipefail
cd "$(dirname "$0")/../.."
PORT=${PORT:-8080} SIP_PORT=${SIP_PORT:-5060} WS_PORT=${WS_PORT:-8088} RTPENGINE_NG=${RTPENGINE_NG:-2223}
PBX_ID=${PBX_ID:-demo-pbx} PBX_KEY=${PBX_KEY:-demo-pbx-key-change-me}
for bin in kamailio rtpengine; do
  command -v "$bin" >/dev/null || [ -x "/usr/sbin/$bin" ] || { echo "$bin is missing: apt-get install kamailio kamailio-websocket-modules kamailio-autheph-modules kamailio-utils-modules kamailio-json-modules rtpengine-daemon" >&2; exit 1; }
done
RUN=$(mktemp -d /tmp/switchboard-stack.XXXXXX)
SIP_SHARED_SECRET=${SIP_SHARED_SECRET:-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')}
export SIP_SHARED_SECRET
cat > "$RUN/routers.ini" <<INI
[router]
url = http://127.0.0.1:$PORT
username = $PBX_ID
password = $PBX_KEY
timeout = 2
failover = router2

[router2]
url = http://127.0.0.1:$PORT
username = $PBX_ID
password = $PBX_KEY
timeout = 2
INI
chmod 600 "$RUN/routers.ini"
trap 'kill $(jobs -p) 2>/dev/null; wait; rm -rf "$RUN"' EXIT INT TERM

rtpengine --table=-1 --interface=127.0.0.1 --listen-ng="127.0.0.1:$RTPENGINE_NG" --port-min=30000 --port-max=30999 \
  --foreground --log-stderr --log-level=5 --pidfile="$RUN/rtpengine.pid" 2> "$RUN/rtpengine.log" &
"$(command -v kamailio || echo /usr/sbin/kamailio)" -DD -E -f integrations/kamailio/kamailio.cfg -Y "$RUN" \
  -A "SIP_PORT=$SIP_PORT" -A "WS_PORT=$WS_PORT" -A WITH_ROUTER -A "ROUTERS_FILE=\"$RUN/routers.ini\"" \
  -A WITH_RTPENGINE -A "RTPENGINE_SOCK=\"udp:127.0.0.1:$RTPENGINE_NG\"" 2> "$RUN/kamailio.log" &
SIP_WS_URI="ws://127.0.0.1:$WS_PORT" PORT=$PORT npm start -- "$@" &
echo "logs: $RUN/{rtpengine,kamailio}.log"
echo "SIP: callers dial sip:+78005550101@127.0.0.1:$SIP_PORT (sales; …02 support, …03 VIP); agents' softphones register to ws://127.0.0.1:$WS_PORT"
wait
