#!/usr/bin/env bash
# Download the Kafka broker + tools + Log4j2 jars from Maven Central into ./lib
# (git-ignored). Does nothing when lib/ is already complete for the current pom.xml
# (lib/.complete records the pom's checksum and every jar that was copied).
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/_common.sh"

MARKER="$KAFKA_LIB_DIR/.complete"
want="$(sha256sum "$KAFKA_DIR/pom.xml" | cut -d' ' -f1)"

lib_complete() {
  [[ -f "$MARKER" ]] || return 1
  [[ "$(head -n 1 "$MARKER")" == "$want" ]] || return 1
  local jar n=0
  while IFS= read -r jar; do
    [[ -s "$KAFKA_LIB_DIR/$jar" ]] || return 1
    n=$((n + 1))
  done < <(tail -n +2 "$MARKER")
  (( n > 0 ))
}

if lib_complete; then
  log "libs already fetched ($(($(wc -l < "$MARKER") - 1)) jars in deploy/kafka/lib)"
  exit 0
fi

command -v "${MVN:-mvn}" >/dev/null || { err "maven (mvn) not found"; exit 1; }
log "fetching Kafka jars from Maven Central (mvn)..."
start=$SECONDS
rm -rf "$KAFKA_LIB_DIR"
# -q: quiet; -B: batch mode (no progress); the copy-dependencies execution is
# bound to the package phase in pom.xml. Debian's Maven 3.8.7 still prints bare
# ANSI resets with -B -q, so colour codes and blank lines are filtered out.
# shellcheck disable=SC2086
"${MVN:-mvn}" -B -q -Dstyle.color=never -f "$KAFKA_DIR/pom.xml" package ${KAFKA_MVN_ARGS:-} 2>&1 \
  | sed -e 's/\x1b\[[0-9;]*m//g' -e '/^[[:space:]]*$/d'
rm -rf "$KAFKA_DIR/target"
for required in kafka_2.13 kafka-clients kafka-tools log4j-core log4j-slf4j-impl; do
  compgen -G "$KAFKA_LIB_DIR/$required-[0-9]*.jar" >/dev/null || { err "fetch incomplete: no $required jar in $KAFKA_LIB_DIR"; exit 1; }
done
{ echo "$want"; (cd "$KAFKA_LIB_DIR" && ls -1 -- *.jar); } > "$MARKER.tmp"
mv "$MARKER.tmp" "$MARKER"
log "fetched $(($(wc -l < "$MARKER") - 1)) jars in $((SECONDS - start))s"
