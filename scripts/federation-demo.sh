#!/usr/bin/env bash
# Two single windows as peers with one command (docs/federation.md): builds the app, uses the Kafka broker listening
# on KAFKA_BROKERS (or starts the local one, left running like `npm run up` does), starts window A (JURISDICTION FR)
# and window B (DE), each with its own database and topic prefix, pairs them through their admin APIs, files an
# incident in each and waits until the other window holds it verified and has acknowledged it.
#   bash scripts/federation-demo.sh          start (or restart) and pair
#   bash scripts/federation-demo.sh --stop   stop both windows (databases kept)
#   bash scripts/federation-demo.sh --purge  stop both windows, drop their databases and, on a broker that is not the
#                                            local one (deploy/kafka, whose data stays in .local/ until
#                                            `npm run down -- --purge`), delete their topics and consumer groups
#                                            (scripts/purge-kafka.mjs for each window's prefix, as down.sh does); give
#                                            it the settings the start had. `--purge --dry-run` only prints what it would delete.
#   bash scripts/federation-demo.sh --print-config   print the ports, databases and topic prefixes it would use, and exit
# env: FED_A_PORT (3100), FED_B_PORT (3200), FED_DATABASE_PREFIX (aisw_federation), FED_TOPIC_PREFIX (aisw-federation;
#      window A's KAFKA_TOPIC_PREFIX is <it>-a, B's <it>-b), PGURL (postgres://postgres@127.0.0.1:5432)
set -euo pipefail
STEP_TAG=federation
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

A_PORT="${FED_A_PORT:-3100}"
B_PORT="${FED_B_PORT:-3200}"
DB_PREFIX="${FED_DATABASE_PREFIX:-aisw_federation}"
PGURL="${PGURL:-postgres://postgres@127.0.0.1:5432}"
TOPIC_PREFIX="${FED_TOPIC_PREFIX:-aisw-federation}"
[[ "$DB_PREFIX" =~ ^[a-z0-9_]+$ ]] || die "FED_DATABASE_PREFIX must be [a-z0-9_]+"
# KAFKA_TOPIC_PREFIX allows [a-z0-9][a-z0-9-]{0,40}; the windows add -a and -b.
[[ "$TOPIC_PREFIX" =~ ^[a-z0-9][a-z0-9-]{0,38}$ ]] || die "FED_TOPIC_PREFIX must be 1..39 of [a-z0-9-], starting with a letter or digit (got '$TOPIC_PREFIX')"

if [[ "${1:-}" == "--print-config" ]]; then
  for side in a b; do
    port="$A_PORT"; [[ "$side" == b ]] && port="$B_PORT"
    printf 'window %s: port %s, database %s_%s, KAFKA_TOPIC_PREFIX %s-%s\n' "${side^^}" "$port" "$DB_PREFIX" "$side" "$TOPIC_PREFIX" "$side"
  done
  exit 0
fi

if [[ "${1:-}" == "--stop" || "${1:-}" == "--purge" ]]; then
  [[ -z "${2:-}" || "${1:-} ${2:-}" == "--purge --dry-run" ]] || die "unknown argument ${2:-} (known: --purge --dry-run)"
  purge_brokers="${KAFKA_BROKERS:-127.0.0.1:${KAFKA_PORT:-9092}}"
  # The windows' topics and groups go from a broker still listening that is not the local one (shared, external).
  purge_kafka=false
  if [[ "${1:-}" == "--purge" ]] && kafka_listening "${purge_brokers##*:}" && ! local_kafka_on "${purge_brokers##*:}"; then purge_kafka=true; fi
  if [[ "${1:-}" == "--purge" ]]; then
    kafka_targets="none (no broker listens on $purge_brokers, or it is the local one, whose data is in .local/)"
    $purge_kafka && kafka_targets="on $purge_brokers, topics $TOPIC_PREFIX-a.* and $TOPIC_PREFIX-b.* and consumer groups ${KAFKA_CLIENT_ID:-aisw}-$TOPIC_PREFIX-{a,b}-{router,correlation,alert-log,acks}"
    say "--purge will delete: databases ${DB_PREFIX}_a and ${DB_PREFIX}_b; $LOCAL_DIR/federation-credentials.json; Kafka: $kafka_targets"
    [[ "${2:-}" == "--dry-run" ]] && exit 0
  fi
  stop_process federation-a
  stop_process federation-b
  if [[ "${1:-}" == "--purge" ]]; then
    for side in a b; do psql "$PGURL/postgres" -qc "DROP DATABASE IF EXISTS \"${DB_PREFIX}_$side\" WITH (FORCE)" || true; done
    rm -f "$LOCAL_DIR/federation-credentials.json"
    if $purge_kafka; then
      for side in a b; do
        KAFKA_BROKERS="$purge_brokers" KAFKA_TOPIC_PREFIX="$TOPIC_PREFIX-$side" node scripts/purge-kafka.mjs ||
          die "could not purge window ${side^^}'s Kafka topics on $purge_brokers (see above)"
      done
    fi
  fi
  say "stopped"
  exit 0
fi

export KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:${KAFKA_PORT:-9092}}"
export KAFKAJS_NO_PARTITIONER_WARNING=1 NO_COLOR=1
# Both windows listen on loopback, which webhooks and peer calls may not reach by default (SSRF protection).
export WEBHOOK_ALLOWED_NETWORKS="${WEBHOOK_ALLOWED_NETWORKS:-127.0.0.0/8}"
ensure_node_modules
build_app
ensure_postgres
if ! (exec 3<>"/dev/tcp/127.0.0.1/${KAFKA_BROKERS##*:}") 2>/dev/null; then bash deploy/kafka/start.sh; fi

start_window() { # start_window a|b PORT JURISDICTION
  local side="$1" port="$2" jurisdiction="$3" logfile="$LOG_DIR/federation-$1.log"
  stop_process "federation-$side"
  say "starting window ${side^^} ($jurisdiction) on http://127.0.0.1:$port (log: $logfile)..."
  PORT="$port" HOST=127.0.0.1 JURISDICTION="$jurisdiction" INSTANCE_ID="federation-$side" KAFKA_TOPIC_PREFIX="$TOPIC_PREFIX-$side" \
    DATABASE_URL="$PGURL/${DB_PREFIX}_$side" DATABASE_POOL_SIZE=5 start_process "federation-$side" "$logfile" node "${APP_NODE_FLAGS[@]}" dist/src/main.js
}
start_window a "$A_PORT" FR
start_window b "$B_PORT" DE
wait_http "http://127.0.0.1:$A_PORT/health" 120 federation-a "$LOG_DIR/federation-a.log"
wait_http "http://127.0.0.1:$B_PORT/health" 120 federation-b "$LOG_DIR/federation-b.log"

keys() { # keys a|b: admin and regulator keys of that window's database, as JSON
  local url="$PGURL/${DB_PREFIX}_$1"
  printf '{"admin":%s,"regulator":%s}' \
    "$(DATABASE_URL="$url" node dist/src/cli.js api-keys:issue --role admin --name "federation demo admin")" \
    "$(DATABASE_URL="$url" node dist/src/cli.js api-keys:issue --role regulator --name "federation demo regulator")"
}
node scripts/demo/pair-windows.mjs \
  --a-url "http://127.0.0.1:$A_PORT" --a-keys "$(keys a)" \
  --b-url "http://127.0.0.1:$B_PORT" --b-keys "$(keys b)" \
  --credentials "$LOCAL_DIR/federation-credentials.json"
say "windows A and B are peers. Stop them with: bash scripts/federation-demo.sh --stop"
