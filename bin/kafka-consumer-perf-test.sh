#!/usr/bin/env bash
# Kafka's kafka-consumer-perf-test.sh, run by bin/tributary consumer-perf-test (same flags).
exec "$(dirname "${BASH_SOURCE[0]}")/tributary" consumer-perf-test "$@"
