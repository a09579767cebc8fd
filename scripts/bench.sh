#!/usr/bin/env bash
# npm run bench: builds, makes sure PostgreSQL and a Kafka broker are there (starts the local broker if none is
# listening, and stops it again afterwards), then runs every benchmark and writes docs/benchmarks.md.
set -euo pipefail
STEP_TAG=bench
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

ensure_node_modules
ensure_postgres
build_app

kafka_started_here=0
broker_port="${KAFKA_BROKERS:-127.0.0.1:${KAFKA_PORT:-9092}}"; broker_port="${broker_port##*:}"
export KAFKA_PORT="$broker_port" KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:$broker_port}"
if (exec 3<>"/dev/tcp/127.0.0.1/$broker_port") 2>/dev/null; then
  say "using the Kafka broker already listening on 127.0.0.1:$broker_port"
else
  bash deploy/kafka/start.sh
  kafka_started_here=1
fi
cleanup() {
  if (( kafka_started_here )); then bash deploy/kafka/stop.sh || true; fi
}
trap cleanup EXIT

export KAFKAJS_NO_PARTITIONER_WARNING=1
node dist/scripts/bench/run-benchmarks.js "$@"
