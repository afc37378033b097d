#!/usr/bin/env bash
# Kafka's kafka-topics.sh, run by bin/tributary topics (same flags; --help lists them).
exec "$(dirname "${BASH_SOURCE[0]}")/tributary" topics "$@"
