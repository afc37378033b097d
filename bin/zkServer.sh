#!/usr/bin/env bash
# ZooKeeper's zkServer.sh, for tutorials that start ZooKeeper with it:
#   bin/zkServer.sh [--config <dir>] {start|start-foreground|stop|restart|status} [zookeeper.properties]
# The configuration defaults to config/zookeeper.properties of this installation (<dir>/zoo.cfg with --config).
# start runs bin/tributary zookeeper-start -daemon and waits until the client port answers; status asks the
# server itself (the srvr four-letter word); stop is bin/tributary zookeeper-stop.
set -uo pipefail
BIN="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CFG="$BIN/../config/zookeeper.properties"
if [[ "${1:-}" == "--config" ]]; then
  CFG="${2:?--config needs a directory}/zoo.cfg"
  shift 2
fi
ACTION="${1:-}"
[[ -n "${2:-}" ]] && CFG="$2"

client_port() {
  local port
  port="$(sed -n 's/^[[:space:]]*clientPort[[:space:]]*=[[:space:]]*\([0-9][0-9]*\).*/\1/p' "$CFG" 2>/dev/null | tail -n 1)"
  echo "${port:-2181}"
}

# The server's answer to srvr (includes "Mode: standalone|leader|follower"); fails when nothing answers.
srvr() {
  timeout 3 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" && printf srvr >&3 && cat <&3' _ "$(client_port)" 2>/dev/null
}

start() {
  echo "Using config: $CFG" >&2
  printf 'Starting zookeeper ... '
  if srvr | grep -q '^Mode:'; then
    echo "already running on port $(client_port)."
    return 1
  fi
  if ! "$BIN/tributary" zookeeper-start -daemon "$CFG" 2>/dev/null; then
    echo "FAILED TO START"
    return 1
  fi
  for _ in $(seq 1 600); do
    if srvr | grep -q '^Mode:'; then
      echo "STARTED"
      return 0
    fi
    sleep 0.1
  done
  echo "FAILED TO START (see logs/zookeeper.out)"
  return 1
}

stop() {
  echo "Using config: $CFG" >&2
  printf 'Stopping zookeeper ... '
  if "$BIN/tributary" zookeeper-stop >/dev/null 2>&1; then
    echo "STOPPED"
  else
    echo "no zookeeper to stop"
    return 1
  fi
}

case "$ACTION" in
  start) start ;;
  start-foreground) exec "$BIN/tributary" zookeeper-start "$CFG" ;;
  stop) stop ;;
  restart) stop; start ;;
  status)
    echo "Using config: $CFG" >&2
    out="$(srvr)"
    if grep -q '^Mode:' <<<"$out"; then
      echo "Client port found: $(client_port). Client address: localhost."
      grep '^Mode:' <<<"$out"
    else
      echo "Error contacting service. It is probably not running."
      exit 1
    fi
    ;;
  *) echo "Usage: $0 [--config <conf-dir>] {start|start-foreground|stop|restart|status} [config file]" >&2; exit 1 ;;
esac
