#!/usr/bin/env bash
# Kafka's kafka-producer-perf-test.sh, run by bin/tributary producer-perf-test (same flags).
exec "$(dirname "${BASH_SOURCE[0]}")/tributary" producer-perf-test "$@"
