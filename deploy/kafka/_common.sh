# shellcheck shell=bash disable=SC2034
# Shared settings for fetch.sh / start.sh / stop.sh / status.sh. Sourced, not run.
# Every path is resolved from this file's location, so the scripts work from any
# cwd and from a clone in any folder.

KAFKA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$KAFKA_DIR/../.." && pwd)"
KAFKA_LIB_DIR="$KAFKA_DIR/lib"
KAFKA_LOCAL_DIR="${KAFKA_LOCAL_DIR:-$REPO_ROOT/.local/kafka}"

KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_DATA_DIR="${KAFKA_DATA_DIR:-$KAFKA_LOCAL_DIR/data}"
KAFKA_LOG_DIR="${KAFKA_LOG_DIR:-$KAFKA_LOCAL_DIR/logs}"
# relative overrides are taken relative to the caller's cwd
KAFKA_LOCAL_DIR="$(realpath -m "$KAFKA_LOCAL_DIR")"
KAFKA_DATA_DIR="$(realpath -m "$KAFKA_DATA_DIR")"
KAFKA_LOG_DIR="$(realpath -m "$KAFKA_LOG_DIR")"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"
KAFKA_START_TIMEOUT="${KAFKA_START_TIMEOUT:-90}"
KAFKA_STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"

KAFKA_PID_FILE="$KAFKA_LOCAL_DIR/kafka.pid"
KAFKA_PORT_FILE="$KAFKA_LOCAL_DIR/kafka.port"
KAFKA_PROPS_FILE="$KAFKA_LOCAL_DIR/server.properties"
KAFKA_CLUSTER_ID_FILE="$KAFKA_LOCAL_DIR/cluster.id"

if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
  JAVA_BIN="$JAVA_HOME/bin/java"
else
  JAVA_BIN="java"
fi

log() { echo "[kafka] $*"; }
err() { echo "[kafka] ERROR: $*" >&2; }

# Make .local/kafka and keep it out of git even if the repo's .gitignore lacks .local/
ensure_local_dir() {
  mkdir -p "$KAFKA_LOCAL_DIR" "$KAFKA_LOG_DIR" "$KAFKA_DATA_DIR"
  [[ -f "$KAFKA_LOCAL_DIR/.gitignore" ]] || printf '*\n' > "$KAFKA_LOCAL_DIR/.gitignore"
}

# Run a Kafka CLI class on the fetched classpath, quiet logging (WARN to stderr).
kafka_tool() {
  "$JAVA_BIN" -Xmx256m -XX:TieredStopAtLevel=1 -Xshare:auto \
    -Dlog4j2.configurationFile="$KAFKA_DIR/tools-log4j2.xml" \
    -cp "$KAFKA_LIB_DIR/*" "$@"
}

# pid from the pid file if that process is alive AND is our broker (guards
# against pid reuse); empty otherwise.
running_pid() {
  local pid
  [[ -f "$KAFKA_PID_FILE" ]] || return 0
  pid="$(tr -dc '0-9' < "$KAFKA_PID_FILE")"
  [[ -n "$pid" ]] || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  if [[ -r "/proc/$pid/cmdline" ]] && ! tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q 'kafka\.Kafka'; then
    return 0
  fi
  echo "$pid"
}

# true if something accepts TCP connections on 127.0.0.1:$1
port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# true if the broker answers a metadata request (TopicCommand --list); used by
# status.sh, and by start.sh when javac is missing
broker_ready() {
  timeout 30 "$JAVA_BIN" -Xmx128m -XX:TieredStopAtLevel=1 \
    -Dlog4j2.configurationFile="$KAFKA_DIR/tools-log4j2.xml" \
    -cp "$KAFKA_LIB_DIR/*" org.apache.kafka.tools.TopicCommand \
    --bootstrap-server "127.0.0.1:$KAFKA_PORT" --list >/dev/null 2>&1
}
