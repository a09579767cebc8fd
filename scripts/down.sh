#!/usr/bin/env bash
# npm run down: stops the demo partners, the app and the Kafka broker started by `npm run up`.
# Data stays (PostgreSQL database `aisw`, .local/); `npm run down -- --purge` also deletes them.
set -euo pipefail
STEP_TAG=down
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

for pidfile in "$RUN_DIR"/partner-*.pid; do
  [[ -e "$pidfile" ]] && stop_process "$(basename "$pidfile" .pid)"
done
stop_process app
bash deploy/kafka/stop.sh

if [[ "${1:-}" == "--purge" ]]; then
  say "purging demo data: database aisw, .local/ (Kafka data, partner inboxes, credentials)..."
  psql "postgres://postgres@127.0.0.1:5432/postgres" -qc 'DROP DATABASE IF EXISTS aisw WITH (FORCE)' || true
  rm -rf "$LOCAL_DIR"
fi
say "stopped"
