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

use_or_start_kafka

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
