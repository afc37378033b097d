#!/bin/sh
# Kafka's kafka-producer-perf-test.sh, run by bin/tributary producer-perf-test (same flags).
exec "$(dirname "$0")/tributary" producer-perf-test "$@"
