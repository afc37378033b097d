#!/bin/sh
# Kafka's zookeeper-shell.sh: bin/zookeeper-shell.sh host:port[/chroot] [command [args]] (ls, get, stat...).
exec "$(dirname "$0")/tributary" zookeeper-shell "$@"
