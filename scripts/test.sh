#!/usr/bin/env bash
# npm test: the whole suite — unit, then integration and end-to-end against the real PostgreSQL and the real
# Kafka broker. Installs dependencies, starts the broker if it is not running (and stops it again afterwards).
set -euo pipefail
STEP_TAG=test
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"
started=$SECONDS

ensure_node_modules
ensure_postgres
ensure_chromium

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
jest=(node --experimental-vm-modules --no-warnings=ExperimentalWarning node_modules/jest/bin/jest.js)
# Extra arguments (e.g. --testPathPatterns X) narrow both runs; a run left with no test is then not an error.
(( $# > 0 )) && jest+=(--passWithNoTests)
say "unit tests..."
"${jest[@]}" --selectProjects unit "$@"
say "integration and end-to-end tests (real PostgreSQL and Kafka)..."
"${jest[@]}" --selectProjects integration e2e --runInBand "$@"
say "fault tests (private Kafka broker and PostgreSQL cluster stopped and restarted; app process killed)..."
npx nest build >/dev/null
"${jest[@]}" --selectProjects fault --runInBand "$@"
say "all tests passed in $((SECONDS - started)) s"
