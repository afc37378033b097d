#!/bin/sh
# Kafka's zookeeper-server-stop.sh: stops the ZooKeeper servers started from this installation.
exec "$(dirname "$0")/tributary" zookeeper-stop "$@"
