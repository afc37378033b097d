#!/usr/bin/env bash
# Kafka's kafka-consumer-groups.sh, run by bin/tributary consumer-groups (same flags).
exec "$(dirname "${BASH_SOURCE[0]}")/tributary" consumer-groups "$@"
