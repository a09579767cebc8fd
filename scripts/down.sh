#!/usr/bin/env bash
# npm run down: stops the demo partners, the app and the Kafka broker started by `npm run up`.
# Data stays (PostgreSQL database `aisw`, .local/); `npm run down -- --purge` also deletes them, and, when a broker
# `npm run up` did not start still listens on KAFKA_BROKERS, the app's topics (prefix KAFKA_TOPIC_PREFIX) and consumer
# groups on it (scripts/purge-kafka.mjs). Give it the settings `npm run up` had (up prints the command): `--purge`
# prints what it deletes first, and refuses when .local/run/up-env says `npm run up` ran with other ones.
# `--purge --dry-run` only prints.
set -euo pipefail
STEP_TAG=down
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

purge=false dry_run=false
for arg in "$@"; do
  case "$arg" in
    --purge) purge=true ;;
    --dry-run) dry_run=true ;;
    *) die "unknown argument $arg (known: --purge, --dry-run)" ;;
  esac
done
$dry_run && ! $purge && die "--dry-run goes with --purge (it prints what --purge would delete)"

if $purge; then
  # Defaults here would name the default database and topics, which may be another stack's (README "Running").
  if [[ -f "$RUN_DIR/up-env" ]]; then
    recorded_purge_env="$(sed -n 2p "$RUN_DIR/up-env")"
    given_purge_env="$(stack_env_assignments "${PURGE_ENV_NAMES[@]}")"
    if [[ "$recorded_purge_env" != "$given_purge_env" ]]; then
      recorded_env="$(sed -n 1p "$RUN_DIR/up-env")"
      die "npm run up ran in this checkout with ${recorded_purge_env:-the default settings}, but this purge has ${given_purge_env:-the default settings}, so it would delete other data. Run: ${recorded_env:+$recorded_env }npm run down -- --purge (or delete $RUN_DIR/up-env to purge what these settings name)"
    fi
  fi
  say "--purge will delete: $(purge_targets)"
  $dry_run && exit 0
fi

for pidfile in "$RUN_DIR"/partner-*.pid; do
  [[ -e "$pidfile" ]] && stop_process "$(basename "$pidfile" .pid)"
done
stop_process app
bash deploy/kafka/stop.sh

if $purge; then
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
