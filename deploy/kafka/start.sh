#!/usr/bin/env bash
# Start the local single-node KRaft Kafka broker in the background and wait until
# it answers metadata requests. Idempotent: exits 0 if it is already running.
#
# env: KAFKA_PORT (9092) KAFKA_CONTROLLER_PORT (9093) KAFKA_DATA_DIR (.local/kafka/data)
#      KAFKA_HEAP_OPTS (-Xms256m -Xmx512m) KAFKA_START_TIMEOUT (90 s) JAVA_HOME
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/_common.sh"

t0=$SECONDS
ensure_local_dir

# serialise concurrent start.sh runs (e.g. parallel test jobs)
exec 9>"$KAFKA_LOCAL_DIR/.start.lock"
flock -w $((KAFKA_START_TIMEOUT + 60)) 9 || { err "could not get $KAFKA_LOCAL_DIR/.start.lock"; exit 1; }

# server.log is appended to across runs: only show what this run wrote.
LOG_OFFSET=0
print_log_tail() {
  local f="$KAFKA_LOG_DIR/server.log" new=""
  [[ -s "$f" ]] && new="$(tail -c +"$((LOG_OFFSET + 1))" "$f" | tail -n 40)"
  if [[ -n "$new" ]]; then
    echo "[kafka] ---- last lines of $f ----" >&2
    echo "$new" >&2
  fi
  f="$KAFKA_LOG_DIR/kafkaServer.out"
  if [[ -s "$f" ]]; then
    echo "[kafka] ---- last lines of $f (JVM stdout/stderr) ----" >&2
    tail -n 20 "$f" >&2
  fi
}

# Compile ReadyCheck.java once per clone (javac, ~1 s); falls back to TopicCommand
# (no warm-up) when there is no javac.
READY_CLASSES="$KAFKA_LOCAL_DIR/classes"
compile_ready_check() {
  local javac="javac"
  [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/javac" ]] && javac="$JAVA_HOME/bin/javac"
  if [[ -f "$READY_CLASSES/ReadyCheck.class" && "$READY_CLASSES/ReadyCheck.class" -nt "$KAFKA_DIR/ReadyCheck.java" ]]; then
    return 0
  fi
  command -v "$javac" >/dev/null || return 1
  rm -rf "$READY_CLASSES" && mkdir -p "$READY_CLASSES"
  "$javac" -nowarn -d "$READY_CLASSES" -cp "$KAFKA_LIB_DIR/*" "$KAFKA_DIR/ReadyCheck.java"
}

# 0 = ready (and warmed up unless KAFKA_NO_WARMUP=1), 1 = not yet
check_ready() {
  if [[ -f "$READY_CLASSES/ReadyCheck.class" ]]; then
    local rc=0 out
    out="$(timeout 60 "$JAVA_BIN" -Xmx128m -XX:TieredStopAtLevel=1 \
      -Dlog4j2.configurationFile="$KAFKA_DIR/tools-log4j2.xml" \
      -cp "$KAFKA_LIB_DIR/*:$READY_CLASSES" ReadyCheck "127.0.0.1:$KAFKA_PORT" \
      ${KAFKA_NO_WARMUP:+--no-warmup} 2>&1)" || rc=$?
    if (( rc == 2 )); then
      echo "[kafka] WARNING: broker answers, but warming up the group/transaction coordinators failed:" >&2
      echo "$out" | tail -n 5 >&2
    fi
    (( rc == 0 || rc == 2 ))
  else
    broker_ready
  fi
}

wait_ready() {
  local pid="$1" deadline=$((SECONDS + KAFKA_START_TIMEOUT))
  log "waiting for broker on 127.0.0.1:$KAFKA_PORT (timeout ${KAFKA_START_TIMEOUT}s)..."
  while (( SECONDS < deadline )); do
    if ! kill -0 "$pid" 2>/dev/null; then
      err "broker process $pid exited during startup"
      rm -f "$KAFKA_PID_FILE" "$KAFKA_PORT_FILE"
      print_log_tail
      exit 1
    fi
    if port_open "$KAFKA_PORT"; then
      if check_ready; then
        log "ready on 127.0.0.1:$KAFKA_PORT (pid $pid, $((SECONDS - t0))s)"
        return 0
      fi
      sleep 1
    else
      sleep 0.25
    fi
  done
  err "broker did not become ready within ${KAFKA_START_TIMEOUT}s (pid $pid still running; ./stop.sh to stop it)"
  print_log_tail
  exit 1
}

pid="$(running_pid)"
if [[ -n "$pid" ]]; then
  running_port="$(cat "$KAFKA_PORT_FILE" 2>/dev/null || echo "$KAFKA_PORT")"
  if [[ "$running_port" != "$KAFKA_PORT" ]]; then
    err "a broker from $KAFKA_LOCAL_DIR is already running (pid $pid) on port $running_port, not $KAFKA_PORT; run stop.sh first (or set KAFKA_LOCAL_DIR for a second instance)"
    exit 1
  fi
  if port_open "$KAFKA_PORT"; then
    log "already running (pid $pid) on 127.0.0.1:$KAFKA_PORT"
    exit 0
  fi
  log "broker process $pid exists but port $KAFKA_PORT is not answering yet"
  compile_ready_check || true
  wait_ready "$pid"
  exit 0
fi
rm -f "$KAFKA_PID_FILE"

for p in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do
  if port_open "$p"; then
    err "port 127.0.0.1:$p is already in use by another process (not started by this script)"
    exit 1
  fi
done

"$KAFKA_DIR/fetch.sh"

command -v "$JAVA_BIN" >/dev/null || { err "java not found (need Java 17+)"; exit 1; }

# Render the effective server.properties from the template.
esc() { printf '%s' "$1" | sed -e 's/[\\&|]/\\&/g'; }
sed -e "s|\${KAFKA_PORT}|$(esc "$KAFKA_PORT")|g" \
    -e "s|\${KAFKA_CONTROLLER_PORT}|$(esc "$KAFKA_CONTROLLER_PORT")|g" \
    -e "s|\${KAFKA_DATA_DIR}|$(esc "$KAFKA_DATA_DIR")|g" \
    "$KAFKA_DIR/server.properties" > "$KAFKA_PROPS_FILE.tmp"
mv "$KAFKA_PROPS_FILE.tmp" "$KAFKA_PROPS_FILE"

# Format the storage once (KRaft needs a cluster id + bootstrap metadata).
if [[ ! -f "$KAFKA_DATA_DIR/meta.properties" ]]; then
  if [[ ! -s "$KAFKA_CLUSTER_ID_FILE" ]]; then
    # same format as `StorageTool random-uuid` (URL-safe base64 of 16 random bytes,
    # no padding, not starting with '-'), without paying for a JVM start
    id="-"
    while [[ "$id" == -* ]]; do
      id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
    done
    echo "$id" > "$KAFKA_CLUSTER_ID_FILE"
  fi
  cluster_id="$(tr -d '[:space:]' < "$KAFKA_CLUSTER_ID_FILE")"
  log "formatting storage in $KAFKA_DATA_DIR (cluster id $cluster_id)"
  kafka_tool kafka.tools.StorageTool format --standalone --ignore-formatted \
    --cluster-id "$cluster_id" --config "$KAFKA_PROPS_FILE" >/dev/null
fi

log "starting broker (127.0.0.1:$KAFKA_PORT, controller :$KAFKA_CONTROLLER_PORT, logs in ${KAFKA_LOG_DIR#"$REPO_ROOT"/})"
LOG_OFFSET="$(stat -c %s "$KAFKA_LOG_DIR/server.log" 2>/dev/null || echo 0)"
# setsid: own session, so Ctrl-C / the caller's process group ending does not kill it.
# 9>&-: do not let the broker inherit (and hold forever) the start lock.
# shellcheck disable=SC2086
setsid nohup "$JAVA_BIN" $KAFKA_HEAP_OPTS \
  -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
  -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true \
  -Dkafka.logs.dir="$KAFKA_LOG_DIR" \
  -Dlog4j2.configurationFile="$KAFKA_DIR/log4j2.xml" \
  ${KAFKA_JVM_OPTS:-} \
  -cp "$KAFKA_LIB_DIR/*" kafka.Kafka "$KAFKA_PROPS_FILE" \
  >"$KAFKA_LOG_DIR/kafkaServer.out" 2>&1 </dev/null 9>&- &
pid=$!
echo "$pid" > "$KAFKA_PID_FILE"
echo "$KAFKA_PORT" > "$KAFKA_PORT_FILE"

# (compiled while the broker boots)
compile_ready_check || log "could not compile ReadyCheck.java (no javac?): readiness via TopicCommand, no warm-up"
wait_ready "$pid"
