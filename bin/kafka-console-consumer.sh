#!/bin/sh
# Kafka's kafka-console-consumer.sh, run by bin/tributary console-consumer (same flags).
exec "$(dirname "$0")/tributary" console-consumer "$@"
