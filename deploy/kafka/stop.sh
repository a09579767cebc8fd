#!/usr/bin/env bash
# Stop the broker started by start.sh (pid file): SIGTERM, wait up to
# KAFKA_STOP_TIMEOUT (30 s), then SIGKILL. Exits 0 if nothing was running.
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/_common.sh"

pid="$(running_pid)"
if [[ -z "$pid" ]]; then
  [[ -f "$KAFKA_PID_FILE" ]] && log "removing stale pid file"
  rm -f "$KAFKA_PID_FILE" "$KAFKA_PORT_FILE"
  log "not running"
  exit 0
fi

log "stopping broker (pid $pid)..."
kill -TERM "$pid" 2>/dev/null || true
deadline=$((SECONDS + KAFKA_STOP_TIMEOUT))
while kill -0 "$pid" 2>/dev/null && (( SECONDS < deadline )); do
  sleep 0.5
done
if kill -0 "$pid" 2>/dev/null; then
  log "still running after ${KAFKA_STOP_TIMEOUT}s, sending SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
  for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
fi
rm -f "$KAFKA_PID_FILE" "$KAFKA_PORT_FILE"
log "stopped"
