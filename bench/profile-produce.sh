#!/usr/bin/env bash
# Profiles one Tributary broker with JFR: its start-up, then a produce workload, and prints the hot spots.
#
#   bench/profile-produce.sh [records=1000000] [record-size=100] [acks=1]
#
# Starts bin/tributary server-start on a fresh temporary data dir and a free loopback port with a start-up
# recording (first 30 s), waits for "started", creates a 3-partition topic, records only the produce run
# (jcmd JFR.start/stop around Kafka 4.2.0's ProducerPerformance, linger.ms=5, batch.size=65536), reads the
# broker's CPU time from /proc around it, stops the broker with SIGTERM and summarises both recordings with
# bench/jfr-top.py. Everything lands in bench/target/profile-<timestamp>/. Needs the Kafka jars that
# bench/compare.sh resolves (bench/kafka/target/kafka-4.2.0/libs).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
RECORDS="${1:-1000000}"
SIZE="${2:-100}"
ACKS="${3:-1}"
KAFKA_LIBS="bench/kafka/target/kafka-4.2.0/libs"
[[ -f "$KAFKA_LIBS/kafka-tools-4.2.0.jar" ]] || mvn -q -f bench/kafka/pom.xml package

OUT="bench/target/profile-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
# JFR's "profile" settings with Java method sampling every millisecond (the JVM may sample less often).
sed -e 's|\(control="method-sampling-java-interval">\)[^<]*<|\11 ms<|' \
    "$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")/lib/jfr/profile.jfc" > "$OUT/sampling.jfc"
PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
cat > "$OUT/server.properties" <<PROPS
broker.id=0
listeners=PLAINTEXT://127.0.0.1:$PORT
log.dirs=$OUT/data
embedded.zookeeper.port=0
offsets.topic.replication.factor=1
group.initial.rebalance.delay.ms=0
PROPS

LAUNCHED="$(date +%s%N)"
TRIBUTARY_OPTS="-XX:StartFlightRecording=filename=$OUT/startup.jfr,settings=$OUT/sampling.jfc,duration=30s" \
  bin/tributary server-start "$OUT/server.properties" > "$OUT/broker.log" 2>&1 &
PID=$!
trap 'kill -TERM $PID 2>/dev/null || true' EXIT
for _ in $(seq 240); do
  grep -q "started in" "$OUT/broker.log" && break
  kill -0 $PID 2>/dev/null || { echo "broker exited; see $OUT/broker.log" >&2; exit 1; }
  sleep 0.25
done
echo "launched at $(date -u -d @"${LAUNCHED:0:10}" +%T).${LAUNCHED:10:3} UTC; $(grep -m1 'started in' "$OUT/broker.log")"

java -Xmx256m -cp "$KAFKA_LIBS/*" org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:$PORT" \
  --create --topic profile --partitions 3 --replication-factor 1 > "$OUT/topic.out" 2>&1
jcmd $PID JFR.start name=produce settings="$OUT/sampling.jfc" filename="$OUT/produce.jfr" > /dev/null
CPU0="$(awk '{print $14 + $15}' /proc/$PID/stat)"
java -Xmx512m -cp "$KAFKA_LIBS/*" org.apache.kafka.tools.ProducerPerformance --bootstrap-server "127.0.0.1:$PORT" \
  --topic profile --num-records "$RECORDS" --record-size "$SIZE" --throughput -1 \
  --command-property acks="$ACKS" linger.ms=5 batch.size=65536 > "$OUT/produce.out" 2>&1
CPU1="$(awk '{print $14 + $15}' /proc/$PID/stat)"
jcmd $PID JFR.stop name=produce > /dev/null
tail -n 1 "$OUT/produce.out"
TICKS="$(getconf CLK_TCK)"
python3 -c "print(f'broker CPU during the run: {($CPU1 - $CPU0) / $TICKS:.2f} s = {($CPU1 - $CPU0) / $TICKS * 1e6 / $RECORDS:.2f} us per record')"

STOP0="$(date +%s%N)"
kill -TERM $PID
wait $PID || true
trap - EXIT
echo "graceful stop: $(( ($(date +%s%N) - STOP0) / 1000000 )) ms"

bench/jfr-top.py "$OUT/produce.jfr" --top 20 > "$OUT/produce-hotspots.txt"
bench/jfr-top.py "$OUT/startup.jfr" --thread-filter '^main$' --top 20 > "$OUT/startup-main-thread.txt" || true
rm -rf "$OUT/data"
echo "hot spots: $OUT/produce-hotspots.txt; start-up (main thread): $OUT/startup-main-thread.txt"
