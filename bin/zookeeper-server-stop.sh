#!/usr/bin/env bash
# Kafka's zookeeper-server-stop.sh: stops the ZooKeeper servers started from this installation.
exec "$(dirname "${BASH_SOURCE[0]}")/tributary" zookeeper-stop "$@"
