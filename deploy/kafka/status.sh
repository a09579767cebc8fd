#!/usr/bin/env bash
# Print whether the local broker is running. Exit 0 = running and answering,
# 1 = running but not answering, 3 = not running.
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/_common.sh"

pid="$(running_pid)"
if [[ -z "$pid" ]]; then
  log "not running"
  exit 3
fi
KAFKA_PORT="$(cat "$KAFKA_PORT_FILE" 2>/dev/null || echo "$KAFKA_PORT")"
if port_open "$KAFKA_PORT" && broker_ready; then
  log "running (pid $pid), answering on 127.0.0.1:$KAFKA_PORT"
  exit 0
fi
log "process $pid alive but not answering on 127.0.0.1:$KAFKA_PORT"
exit 1
