#!/bin/sh
# Kafka's kafka-consumer-groups.sh, run by bin/tributary consumer-groups (same flags).
exec "$(dirname "$0")/tributary" consumer-groups "$@"
