#!/bin/sh
# Kafka's kafka-consumer-perf-test.sh, run by bin/tributary consumer-perf-test (same flags).
exec "$(dirname "$0")/tributary" consumer-perf-test "$@"
