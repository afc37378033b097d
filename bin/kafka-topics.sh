#!/bin/sh
# Kafka's kafka-topics.sh, run by bin/tributary topics (same flags; --help lists them).
exec "$(dirname "$0")/tributary" topics "$@"
