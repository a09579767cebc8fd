# shellcheck shell=bash
# Shared helpers of up.sh, down.sh and test.sh. Sourced, not run.
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOCAL_DIR="$REPO_ROOT/.local"
RUN_DIR="$LOCAL_DIR/run"
LOG_DIR="$LOCAL_DIR/logs"
mkdir -p "$RUN_DIR" "$LOG_DIR"

say() { printf '[%s] %s\n' "${STEP_TAG:-aisw}" "$*"; }

# Settings `npm run down` needs to stop and purge exactly the stack `npm run up` started (README "Running"); PORT and
# DEMO_PARTNER_PORT_BASE only tell the reader what ran. PURGE_ENV_NAMES decide what `--purge` deletes (purge_targets).
STACK_ENV_NAMES=(PORT DATABASE_URL KAFKA_BROKERS KAFKA_PORT KAFKA_TOPIC_PREFIX KAFKA_CLIENT_ID DEMO_PARTNER_PORT_BASE)
PURGE_ENV_NAMES=(DATABASE_URL KAFKA_BROKERS KAFKA_PORT KAFKA_TOPIC_PREFIX KAFKA_CLIENT_ID)

# The given settings (names; default STACK_ENV_NAMES) that are set and not empty now, as shell assignments
# (`PORT=3550 KAFKA_TOPIC_PREFIX=demo`, quoted where the shell needs it); prints nothing when none is set.
stack_env_assignments() {
  local name value assignments=()
  (( $# > 0 )) || set -- "${STACK_ENV_NAMES[@]}"
  for name in "$@"; do
    value="${!name:-}"
    [[ -n "$value" ]] || continue
    if [[ "$value" =~ ^[A-Za-z0-9_@%+=:,./-]+$ ]]; then assignments+=("$name=$value"); else assignments+=("$name=$(printf '%q' "$value")"); fi
  done
  printf '%s' "${assignments[*]}"
}

# What `npm run down -- --purge` deletes with the current settings, in one line (the database server without its
# credentials). Defaults as in up.sh and scripts/purge-kafka.mjs.
purge_targets() {
  local db_url="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/aisw}" server db_name brokers prefix="${KAFKA_TOPIC_PREFIX:-aisw}" client="${KAFKA_CLIENT_ID:-aisw}"
  db_name="${db_url##*/}"; db_name="${db_name%%\?*}"
  server="${db_url#*://}"; server="${server##*@}"; server="${server%%/*}"
  brokers="${KAFKA_BROKERS:-127.0.0.1:${KAFKA_PORT:-9092}}"
  printf 'database %s on %s; %s; on the Kafka broker %s (unless it is the local one npm run up started, whose data is in .local/): topics %s.* and consumer groups %s-%s-{router,correlation,alert-log,acks}' \
    "$db_name" "$server" "$LOCAL_DIR" "$brokers" "$prefix" "$client" "$prefix"
}
die() { printf '[%s] ERROR: %s\n' "${STEP_TAG:-aisw}" "$*" >&2; exit 1; }

# Installs npm dependencies when node_modules is missing or older than package-lock.json.
ensure_node_modules() {
  if [[ ! -d "$REPO_ROOT/node_modules" || "$REPO_ROOT/package-lock.json" -nt "$REPO_ROOT/node_modules/.package-lock.json" ]]; then
    say "installing npm dependencies (npm ci)..."
    (cd "$REPO_ROOT" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

# Compiles src/ and libs/ into dist/ (nest build, tsc).
build_app() {
  say "building (nest build)..."
  (cd "$REPO_ROOT" && npx nest build)
}

# Makes sure the machine's PostgreSQL answers on 127.0.0.1:5432; starts the Debian cluster if it is down.
ensure_postgres() {
  if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then return 0; fi
  say "PostgreSQL is not answering; trying to start the local cluster..."
  if command -v pg_ctlcluster >/dev/null 2>&1; then
    local version
    version="$(ls /etc/postgresql | sort -V | tail -n 1)"
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  fi
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && return 0; sleep 1; done
  die "PostgreSQL is not reachable on 127.0.0.1:5432 (set DATABASE_URL to use another server)"
}

# Installs Debian's chromium (and a small CJK font, so Chinese text renders) for the dashboard's browser test
# (test/e2e/dashboard.e2e-spec.ts, driven by playwright-core). Does nothing when both are there.
ensure_chromium() {
  if [[ -x /usr/bin/chromium ]] && fc-list :lang=zh 2>/dev/null | grep -q .; then return 0; fi
  command -v apt-get >/dev/null 2>&1 || die "the browser test needs Debian's chromium package at /usr/bin/chromium (no apt-get here)"
  local sudo=()
  (( EUID == 0 )) || sudo=(sudo)
  say "installing chromium and fonts-wqy-microhei for the browser test (apt-get)..."
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null \
    || { "${sudo[@]}" apt-get update -qq && "${sudo[@]}" apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null; } \
    || die "could not install chromium with apt-get"
}

# Starts a background process: start_process NAME LOGFILE CMD...; pid in .local/run/NAME.pid.
# V8 flags the app runs with everywhere (npm start, the Dockerfile, the benches): a 4 MB young generation semi-space
# (default 16) keeps 50–70 MB less resident at peak for no measured CPU (docs/filing-performance.md, "Memory").
# shellcheck disable=SC2034 # used by the scripts that source this file
APP_NODE_FLAGS=(--max-semi-space-size=4)

start_process() {
  local name="$1" logfile="$2"; shift 2
  nohup "$@" >>"$logfile" 2>&1 &
  echo $! >"$RUN_DIR/$name.pid"
}

# Stops a process started by start_process (SIGTERM, then SIGKILL after 20 s).
stop_process() {
  local name="$1" pidfile="$RUN_DIR/$1.pid" pid
  [[ -f "$pidfile" ]] || return 0
  pid="$(cat "$pidfile")"
  if kill -0 "$pid" 2>/dev/null; then
    say "stopping $name (pid $pid)..."
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
}

# Waits until URL answers 2xx while process NAME (started by start_process) lives; on failure prints the
# tail of LOGFILE and exits. wait_http URL TIMEOUT_SECONDS NAME LOGFILE
wait_http() {
  local url="$1" timeout="$2" name="$3" logfile="$4" deadline=$((SECONDS + $2))
  while (( SECONDS < deadline )); do
    if curl -fsS -o /dev/null --max-time 3 "$url" 2>/dev/null; then return 0; fi
    if ! kill -0 "$(cat "$RUN_DIR/$name.pid" 2>/dev/null || echo 0)" 2>/dev/null; then
      tail -n 20 "$logfile" >&2
      die "$name exited during startup (log above: $logfile)"
    fi
    sleep 0.5
  done
  tail -n 20 "$logfile" >&2
  die "$name did not become ready at $url within ${timeout}s"
}

# Uses the Kafka broker on KAFKA_BROKERS (default 127.0.0.1:$KAFKA_PORT, 9092) when one listens there; otherwise starts
# the local one (deploy/kafka) and stops it again when the calling script exits. Exports KAFKA_PORT and KAFKA_BROKERS.
use_or_start_kafka() {
  local broker_port="${KAFKA_BROKERS:-127.0.0.1:${KAFKA_PORT:-9092}}"; broker_port="${broker_port##*:}"
  export KAFKA_PORT="$broker_port" KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:$broker_port}"
  if kafka_listening "$broker_port"; then
    say "using the Kafka broker already listening on 127.0.0.1:$broker_port"
  else
    bash "$REPO_ROOT/deploy/kafka/start.sh"
    trap 'bash "$REPO_ROOT/deploy/kafka/stop.sh" || true' EXIT
  fi
}

# True when something accepts TCP connections on 127.0.0.1:PORT (a Kafka broker, we assume). kafka_listening PORT
kafka_listening() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# True when the local broker (deploy/kafka/start.sh, data in .local/kafka) runs and listens on 127.0.0.1:PORT; false
# for any other broker there (shared, another checkout's). local_kafka_on PORT
local_kafka_on() {
  (
    source "$REPO_ROOT/deploy/kafka/_common.sh"
    [[ -n "$(running_pid)" && "$(cat "$KAFKA_PORT_FILE" 2>/dev/null || echo "$KAFKA_PORT")" == "$1" ]]
  )
}
