#!/bin/sh
# Kafka's kafka-server-start.sh: bin/kafka-server-start.sh [-daemon] server.properties [--override property=value]*
if [ $# -lt 1 ]; then
  echo "USAGE: $0 [-daemon] server.properties [--override property=value]*"
  exit 1
fi
exec "$(dirname "$0")/tributary" server-start "$@"
