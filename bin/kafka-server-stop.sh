#!/bin/sh
# Kafka's kafka-server-stop.sh: SIGTERM to the brokers started from this installation, then waits for them.
exec "$(dirname "$0")/tributary" server-stop "$@"
