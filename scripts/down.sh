#!/usr/bin/env bash
# npm run down: stops the demo partners, the app and the Kafka broker started by `npm run up`.
# Data stays (PostgreSQL database `aisw`, .local/); `npm run down -- --purge` also deletes them, and, when a broker
# `npm run up` did not start still listens on KAFKA_BROKERS, the app's topics (prefix KAFKA_TOPIC_PREFIX) and consumer
# groups on it (scripts/purge-kafka.mjs).
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
  # The local broker's data went with .local/; a broker still listening is an external one (shared, another checkout's).
  kafka_brokers="${KAFKA_BROKERS:-127.0.0.1:${KAFKA_PORT:-9092}}"
  if kafka_listening "${kafka_brokers##*:}"; then
    say "purging this app's Kafka topics (prefix ${KAFKA_TOPIC_PREFIX:-aisw}.) and consumer groups on $kafka_brokers..."
    KAFKA_BROKERS="$kafka_brokers" node scripts/purge-kafka.mjs || die "could not purge the Kafka topics on $kafka_brokers (see above)"
  fi
fi
say "stopped"
