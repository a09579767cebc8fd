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

use_or_start_kafka

export KAFKAJS_NO_PARTITIONER_WARNING=1
node dist/scripts/bench/run-benchmarks.js "$@"
