#!/usr/bin/env bash
# Cold start of one broker, the way bench/compare.sh measures it: from spawning `bin/tributary server-start`
# until a raw-socket Metadata v1 request is answered with at least one broker (polled every 10 ms), on a
# fresh data directory (embedded ZooKeeper) and a free loopback port. Prints each round, the median and
# the load average before each round.
#
#   bench/startup-time.sh [rounds=3]
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
ROUNDS="${1:-3}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

times=()
for round in $(seq "$ROUNDS"); do
  PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  DIR="$WORK/round-$round"
  mkdir -p "$DIR"
  printf 'broker.id=0\nlisteners=PLAINTEXT://127.0.0.1:%s\nlog.dirs=%s/data\nembedded.zookeeper.port=0\noffsets.topic.replication.factor=1\n' \
    "$PORT" "$DIR" > "$DIR/server.properties"
  LOAD="$(cut -d' ' -f1 /proc/loadavg)"
  START="$(date +%s%N)"
  "$ROOT/bin/tributary" server-start "$DIR/server.properties" > "$DIR/broker.log" 2>&1 &
  PID=$!
  python3 - "$PORT" <<'PY'
import socket, struct, sys, time
port = int(sys.argv[1])
client = b"startup-time"
body = struct.pack(">hhih", 3, 1, 7, len(client)) + client + struct.pack(">i", 0)
deadline = time.time() + 120
while time.time() < deadline:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
            s.sendall(struct.pack(">i", len(body)) + body)
            size = struct.unpack(">i", s.recv(4, socket.MSG_WAITALL))[0]
            data = s.recv(size, socket.MSG_WAITALL)
            if struct.unpack(">i", data[4:8])[0] >= 1:
                sys.exit(0)
    except OSError:
        pass
    time.sleep(0.01)
sys.exit(1)
PY
  END="$(date +%s%N)"
  kill -TERM "$PID" 2>/dev/null || true
  wait "$PID" 2>/dev/null || true
  MS=$(( (END - START) / 1000000 ))
  times+=("$MS")
  echo "round $round: ${MS} ms to the first Metadata answer (load average $LOAD before)"
done
MEDIAN="$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
echo "median of $ROUNDS: ${MEDIAN} ms"
