#!/usr/bin/env bash
# Kafka's kafka-console-producer.sh, run by bin/tributary console-producer (same flags).
exec "$(dirname "${BASH_SOURCE[0]}")/tributary" console-producer "$@"
