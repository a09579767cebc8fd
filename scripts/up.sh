#!/usr/bin/env bash
# npm run up: the whole stack on one machine with the demo data — Kafka (fetched from Maven Central), the local
# PostgreSQL, the app, two demo partner single windows; registers the partners and files the demo incidents
# through the public API, then waits until both partners hold their signed alerts.
set -euo pipefail
STEP_TAG=up
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"
started=$SECONDS

# The stop command for this very stack: the settings given now, before the defaults below apply (lib.sh). Recorded
# in .local/run/up-env, where `npm run down -- --purge` checks it is given the same ones.
stop_env="$(stack_env_assignments)"
stop_command="${stop_env:+$stop_env }npm run down"
if [[ "${1:-}" == "--print-stop-command" ]]; then
  echo "$stop_command"
  exit 0
fi
printf '%s\n%s\n' "$stop_env" "$(stack_env_assignments "${PURGE_ENV_NAMES[@]}")" >"$RUN_DIR/up-env"

export PORT="${PORT:-3000}"
export HOST="${HOST:-127.0.0.1}"
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/aisw}"
export KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:${KAFKA_PORT:-9092}}"
export KAFKAJS_NO_PARTITIONER_WARNING=1
export NO_COLOR=1 # plain log files
# The demo partners listen on loopback, which webhooks may not reach by default (SSRF protection).
export WEBHOOK_ALLOWED_NETWORKS="${WEBHOOK_ALLOWED_NETWORKS:-127.0.0.0/8}"
# Surge alerts to the demo partners, which accept them and opted in (scripts/demo/run-demo.mjs; docs/signals.md).
export SURGE_ALERTS_ENABLED="${SURGE_ALERTS_ENABLED:-true}"
APP_URL="http://$HOST:$PORT"
# Key-encryption key of the secrets stored in PostgreSQL (src/data-encryption): made once, kept in .local (never
# committed), reused on later runs so the stored secrets keep opening.
if [[ -z "${AISW_DATA_ENCRYPTION_KEYS:-}" && -z "${AISW_DATA_ENCRYPTION_KEYS_FILE:-}" ]]; then
  if [[ ! -s "$LOCAL_DIR/data-encryption-keys" ]]; then
    say "generating a data encryption key in .local/data-encryption-keys..."
    (umask 077 && node -e 'process.stdout.write(`local${Date.now().toString(36)}:${require("node:crypto").randomBytes(32).toString("base64")}\n`)' >"$LOCAL_DIR/data-encryption-keys")
  fi
  export AISW_DATA_ENCRYPTION_KEYS_FILE="$LOCAL_DIR/data-encryption-keys"
fi

ensure_node_modules
build_app
ensure_postgres
# A broker already listening on KAFKA_BROKERS' port (another checkout's, a shared one) is used as it is; otherwise the
# local one (deploy/kafka) is started and `npm run down` stops it.
broker_port="${KAFKA_BROKERS##*:}"
if kafka_listening "$broker_port"; then
  say "using the Kafka broker already listening on 127.0.0.1:$broker_port (not started here, so npm run down leaves it)"
else
  KAFKA_PORT="$broker_port" bash deploy/kafka/start.sh
fi

if [[ -f "$RUN_DIR/app.pid" ]] && kill -0 "$(cat "$RUN_DIR/app.pid")" 2>/dev/null; then
  say "app already running (pid $(cat "$RUN_DIR/app.pid")); restarting it on the new build..."
  stop_process app
fi
say "starting the app on $APP_URL (log: .local/logs/app.log)..."
start_process app "$LOG_DIR/app.log" node "${APP_NODE_FLAGS[@]}" dist/src/main.js
wait_http "$APP_URL/health" 90 app "$LOG_DIR/app.log"

# The demo partners listen on DEMO_PARTNER_PORT_BASE + 1 and + 2 (4101, 4102 by default).
node scripts/demo/run-demo.mjs --app-url "$APP_URL" --partner-port-base "${DEMO_PARTNER_PORT_BASE:-4100}"

say "ready in $((SECONDS - started)) s. Stop everything with (the same settings, so it stops and deletes this stack's, nobody else's):"
say "  $stop_command"
say "  $stop_command -- --purge   # also deletes: $(purge_targets)"
