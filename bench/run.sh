#!/usr/bin/env bash
#
# bench/run.sh — measure the work-item kernel against the bare CXF endpoint on a fresh distribution.
#
# Builds what is missing, starts a fresh Civic Platform with ./civic start under a temporary CIVIC_HOME
# on non-default ports, installs the sample plugin through the deploy folder, waits for the "sample"
# line, runs the load client (bench/target/civic-bench.jar), stops the platform and prints the figures.
# Exit status: the client's (0 ok, 1 errors above 1 %, 2 setup failure), or 3 if the platform failed.
#
# Environment:
#   BENCH_CLIENTS      concurrent virtual users (default 8)
#   BENCH_SECONDS      measured seconds per phase (default 60)
#   BENCH_WARMUP       warm-up seconds per phase, not measured (default 10)
#   BENCH_PHASES       kernel,bare (default both)
#   BENCH_HTTP_PORT    HTTP port of the platform under test (default 8381; SSH 8301, RMI 1299,44644)
#   BENCH_JSTACK       n > 0: take n thread dumps of the Karaf JVM during the kernel phase into
#                      bench/target/jstack/ (default 0)
#   BENCH_KEEP         true keeps the temporary CIVIC_HOME (database, karaf.log) after the run
#
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH/.." && pwd)"
VERSION="$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$ROOT/pom.xml" | head -1)"
ARCHIVE="$ROOT/assembly/target/civic-distribution-$VERSION.tar.gz"
PLUGIN="$ROOT/plugins-sample/target/org.civic.plugins.sample-$VERSION.jar"
CLIENT="$BENCH/target/civic-bench.jar"

CLIENTS="${BENCH_CLIENTS:-8}"
SECONDS_MEASURED="${BENCH_SECONDS:-60}"
WARMUP="${BENCH_WARMUP:-10}"
PHASES="${BENCH_PHASES:-kernel,bare}"
JSTACKS="${BENCH_JSTACK:-0}"
export CIVIC_HTTP_PORT="${BENCH_HTTP_PORT:-8381}"
export CIVIC_SSH_PORT="${BENCH_SSH_PORT:-8301}"
export CIVIC_RMI_PORTS="${BENCH_RMI_PORTS:-1299,44644}"
export CIVIC_ADJUSTABLE_CLOCK=false
export CIVIC_FEATURES=""   # the sample plugin only, as in every recorded run
BASE_URL="http://localhost:$CIVIC_HTTP_PORT"

say() { printf 'bench: %s\n' "$*"; }
die() { printf 'bench: %s\n' "$*" >&2; exit 3; }

command -v java >/dev/null 2>&1 || die "Java 17 is required"
command -v curl >/dev/null 2>&1 || die "curl is required"
command -v mvn >/dev/null 2>&1 || die "Maven is required"

# --- build what is missing -----------------------------------------------------------------------
if [ ! -f "$ARCHIVE" ] || [ ! -f "$PLUGIN" ]; then
    say "building the platform (mvn -q install -DskipTests) ..."
    (cd "$ROOT" && mvn -B -q install -DskipTests >/dev/null) || die "the platform build failed"
fi
say "building the load client ..."
(cd "$BENCH" && { mvn -B -q -o package >/dev/null 2>&1 || mvn -B -q package >/dev/null; }) || die "the client build failed"

# --- a fresh platform ----------------------------------------------------------------------------
if [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "$BASE_URL/api/v1/health" || true)" != "000" ]; then
    die "something already answers on $BASE_URL; set BENCH_HTTP_PORT"
fi
CIVIC_HOME="$(mktemp -d "${TMPDIR:-/tmp}/civic-bench.XXXXXX")"
export CIVIC_HOME
STARTED=false
cleanup() {
    if [ "$STARTED" = true ]; then
        say "stopping the platform ..."
        "$ROOT/civic" stop >/dev/null 2>&1 || say "./civic stop failed; CIVIC_HOME=$CIVIC_HOME"
    fi
    if [ "${BENCH_KEEP:-false}" = true ]; then
        say "kept $CIVIC_HOME (log: $CIVIC_HOME/data/log/karaf.log)"
    else
        rm -rf "$CIVIC_HOME"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say "starting a fresh distribution in $CIVIC_HOME on port $CIVIC_HTTP_PORT ..."
STARTED=true
"$ROOT/civic" start >/dev/null || die "the platform did not start; see $CIVIC_HOME/data/log/karaf.log"

say "installing the sample plugin through $CIVIC_HOME/dist/deploy/ ..."
cp "$PLUGIN" "$CIVIC_HOME/dist/deploy/"
sample_ready() {
    local lines users
    lines="$(curl -s -u admin:admin --max-time 5 "$BASE_URL/api/v1/lines" || true)"
    users="$(curl -s -u admin:admin --max-time 5 "$BASE_URL/api/v1/admin/users?limit=500" || true)"
    [[ "$lines" == *'"line":"sample"'* && "$users" == *'"sp_dispatcher"'* && "$users" == *'"sp_housing"'* ]]
}
waited=0
until sample_ready; do
    [ "$waited" -ge 180 ] && die "the sample line did not appear within 180 s; see $CIVIC_HOME/data/log/karaf.log"
    sleep 2
    waited=$((waited + 2))
done
say "the sample line is installed (after ${waited} s)"

# --- optional thread dumps of the Karaf JVM during the kernel phase ------------------------------
KARAF_PID="$(sed -n 's/^item.0.pid *= *//p' "$CIVIC_HOME/dist/instances/instance.properties" 2>/dev/null || true)"
DUMPER=""
if [ "$JSTACKS" -gt 0 ] && [ -n "$KARAF_PID" ] && command -v jstack >/dev/null 2>&1; then
    mkdir -p "$BENCH/target/jstack"
    rm -f "$BENCH/target/jstack/"*.txt
    (
        sleep $((WARMUP + 5))
        gap=$(( SECONDS_MEASURED / (JSTACKS + 1) ))
        [ "$gap" -lt 1 ] && gap=1
        for i in $(seq 1 "$JSTACKS"); do
            jstack "$KARAF_PID" > "$BENCH/target/jstack/kernel-$i.txt" 2>/dev/null || true
            sleep "$gap"
        done
    ) &
    DUMPER=$!
fi

# --- the platform's CPU time in the kernel phase's measured window ----------------------------------
# Requests per second depend on what else the machine runs; CPU milliseconds per request much less so.
CPU_FILE="$BENCH/target/kernel-cpu-ticks"
rm -f "$CPU_FILE"
SAMPLER=""
if [ -n "$KARAF_PID" ] && [ -r "/proc/$KARAF_PID/stat" ] && [[ ",$PHASES," == *",kernel,"* ]]; then
    (
        ticks() { awk '{print $14 + $15}' "/proc/$KARAF_PID/stat"; }
        sleep "$WARMUP"
        a="$(ticks)"
        sleep "$SECONDS_MEASURED"
        b="$(ticks)"
        echo $((b - a)) > "$CPU_FILE"
    ) &
    SAMPLER=$!
fi

# --- the run -------------------------------------------------------------------------------------
RESULT="$BENCH/target/last-result.properties"
echo
set +e
java -jar "$CLIENT" --url "$BASE_URL" --clients "$CLIENTS" --seconds "$SECONDS_MEASURED" --warmup "$WARMUP" \
    --phases "$PHASES" --out "$RESULT"
status=$?
set -e
[ -n "$DUMPER" ] && wait "$DUMPER" 2>/dev/null || true
[ -n "$SAMPLER" ] && wait "$SAMPLER" 2>/dev/null || true
echo
if [ -s "$CPU_FILE" ] && grep -q '^kernel.ok=' "$RESULT"; then
    hz="$(getconf CLK_TCK)"
    ok="$(sed -n 's/^kernel.ok=//p' "$RESULT")"
    cpu_ms="$(awk -v t="$(cat "$CPU_FILE")" -v hz="$hz" -v n="$ok" 'BEGIN { printf "%.2f", t * 1000 / hz / n }')"
    say "platform CPU in the kernel phase: $cpu_ms ms per request (JVM user+system time / requests measured)"
    echo "kernel.cpuMsPerRequest=$cpu_ms" >> "$RESULT"
fi
{
    echo "machine=$(uname -srm), $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo)"
    echo "java=$(java -version 2>&1 | head -1)"
} >> "$RESULT" 2>/dev/null || true
say "figures written to ${RESULT#"$ROOT/"}"
[ -n "$DUMPER" ] && say "thread dumps in ${BENCH#"$ROOT/"}/target/jstack/"
exit "$status"
