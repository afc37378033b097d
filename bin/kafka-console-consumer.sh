#!/usr/bin/env bash
# Kafka's kafka-console-consumer.sh, run by bin/tributary console-consumer (same flags).
exec "$(dirname "${BASH_SOURCE[0]}")/tributary" console-consumer "$@"
