#!/bin/sh
# Kafka's kafka-console-producer.sh, run by bin/tributary console-producer (same flags).
exec "$(dirname "$0")/tributary" console-producer "$@"
