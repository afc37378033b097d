#!/usr/bin/env bash
# Tributary vs Apache Kafka 4.2.0 on this machine, A B A B, fresh broker per round; see docs/performance.md.
#
#   bench/compare.sh                     # 3 rounds, both systems, tens of minutes
#   bench/compare.sh --quick --only kafka  # a few minutes: proves the harness works
#   bench/compare.sh --help
#   bench/compare.sh --cluster 3 [--quick]  # 3-broker clusters, RF 3, acks=all (ClusterCompareMain)
#
# Environment:
#   TRIBUTARY_BUILD  command that builds what bin/tributary starts, run before a run that includes Tributary
#                    (default: mvn -q -DskipTests package); set to "true" to skip.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

KAFKA_LIBS="bench/kafka/target/kafka-4.2.0/libs"
HARNESS_CLASSES="tributary-benchmarks/target/classes"

MAIN=io.tributary.benchmarks.compare.CompareMain
for arg in "$@"; do
  [[ "$arg" == "--cluster" ]] && MAIN=io.tributary.benchmarks.compare.ClusterCompareMain
done
for arg in "$@"; do
  if [[ "$arg" == "--help" || "$arg" == "-h" ]]; then
    exec java -cp "$HARNESS_CLASSES:$KAFKA_LIBS/*" "$MAIN" --help
  fi
done

if [[ ! -f "$KAFKA_LIBS/kafka_2.13-4.2.0.jar" || ! -f "$KAFKA_LIBS/kafka-tools-4.2.0.jar" ]]; then
  echo "resolving Apache Kafka 4.2.0 from Maven Central into $KAFKA_LIBS" >&2
  mvn -q -f bench/kafka/pom.xml package
fi

only=""
prev=""
for arg in "$@"; do
  [[ "$prev" == "--only" ]] && only="$arg"
  prev="$arg"
done
if [[ "$only" != "kafka" ]]; then
  echo "building Tributary: ${TRIBUTARY_BUILD:-mvn -q -DskipTests package}" >&2
  ${TRIBUTARY_BUILD:-mvn -q -DskipTests package}
else
  mvn -q -pl tributary-benchmarks -am compile
fi

# The harness itself needs little memory; the brokers and tools it starts get their own heaps.
exec java -Xmx256m -cp "$HARNESS_CLASSES:$KAFKA_LIBS/*" "$MAIN" "$@"
