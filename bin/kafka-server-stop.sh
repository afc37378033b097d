#!/usr/bin/env bash
# Kafka's kafka-server-stop.sh: SIGTERM to the brokers started from this installation, then waits for them.
exec "$(dirname "${BASH_SOURCE[0]}")/tributary" server-stop "$@"
