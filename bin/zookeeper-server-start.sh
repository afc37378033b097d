#!/bin/sh
# Kafka's zookeeper-server-start.sh: bin/zookeeper-server-start.sh [-daemon] zookeeper.properties
if [ $# -lt 1 ]; then
  echo "USAGE: $0 [-daemon] zookeeper.properties"
  exit 1
fi
exec "$(dirname "$0")/tributary" zookeeper-start "$@"
