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
  # The database named by DATABASE_URL (default aisw), on that server.
  db_url="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/aisw}"
  db_name="${db_url##*/}"; db_name="${db_name%%\?*}"
  [[ "$db_name" =~ ^[A-Za-z0-9_]+$ ]] || die "cannot purge: unexpected database name in DATABASE_URL"
  say "purging demo data: database $db_name, .local/ (Kafka data, partner inboxes, credentials)..."
  psql "${db_url%/*}/postgres" -qc "DROP DATABASE IF EXISTS \"$db_name\" WITH (FORCE)" || true
  rm -rf "$LOCAL_DIR"
fi
say "stopped"
