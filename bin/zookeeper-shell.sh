#!/usr/bin/env bash
# Kafka's zookeeper-shell.sh: bin/zookeeper-shell.sh host:port[/chroot] [command [args]] (ls, get, stat...).
exec "$(dirname "${BASH_SOURCE[0]}")/tributary" zookeeper-shell "$@"
