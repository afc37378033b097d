#!/usr/bin/env bash
# ZooKeeper's zkCli.sh: bin/zkCli.sh [-server host:port[/chroot]] [-timeout ms] [command [args]]
# Interactive without a command (ls, get, stat, ... then quit), one-shot with one. The server defaults to
# localhost:2181, as ZooKeeper's does. Runs bin/tributary zookeeper-shell.
SERVER="localhost:2181"
ARGS=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    -server) SERVER="${2:?-server needs host:port}"; shift 2 ;;
    -timeout) ARGS+=(--timeout "${2:?-timeout needs milliseconds}"); shift 2 ;;
    -r) shift ;; # read-only mode: the shell only reads
    *) break ;;
  esac
done
exec "$(dirname "${BASH_SOURCE[0]}")/tributary" zookeeper-shell "${ARGS[@]}" "$SERVER" "$@"
