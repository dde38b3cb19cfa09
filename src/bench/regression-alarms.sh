#!/usr/bin/env bash
# False alarms and detections of perfgate's regression gates, on real runs: the embedded demo
# service answering every request after a fixed 50 ms (-Ddemo.faults.latency=50ms) is the
# baseline; then RERUNS identical runs (each one that reports a regression is a false alarm) and
# RERUNS runs against the same service 20 % slower, 60 ms (each one that reports a regression is a
# detection). Every rerun is judged twice: against the pinned baseline (`baseline save` of the
# first baseline run: block bootstrap over both runs' seconds) and against the rolling baseline of
# the last 5 baseline runs (the spread between runs). A benchmark kept in the repo; CI never runs it.
#
#   src/bench/regression-alarms.sh                      # 30 s runs, 20 + 20 reruns: about 35 minutes
#   DURATION=2m src/bench/regression-alarms.sh          # the longer case: about 2 hours
#   DURATION=30s RERUNS=2 src/bench/regression-alarms.sh   # quick smoke
#
# The load (src/bench/alarms.conf): 100 arrivals per second (open model, so a slower service changes
# latency, not the load), one GET /health each, the first 5 s left out as warm-up. Gates judged:
# perfgate's regression gates with their defaults (p95, p99, throughput, errors of all requests;
# minimum effects 5 % and 5 ms, 5 %, 0.5 points; 95 % intervals). A rerun "reports a regression"
# when any of them fails. The baseline runs themselves are run with regression gates off, so that
# each of them is a passing run of the history.
#
# Each run is one Gatling JVM started directly (java -cp ... io.gatling.app.Gatling -nr) with the
# options gatling:test gives it; before each, the script waits up to QUIET_WAIT seconds (default
# 300) for the machine to be less than QUIET_BELOW % busy (default 25, % of all cores over 2 s),
# then runs anyway and says so. Each rerun writes into a results folder of its own whose history
# holds the 5 baseline runs only, so every rerun is judged against the same baselines.
#
# Environment: DURATION (default 30s; 90s, 2m), RERUNS (default 20), SLOW (default 60ms), BASE
# (default 50ms), QUIET_WAIT, QUIET_BELOW, BENCH_KEEP=1 (keeps the runs in the temporary folder).
# The table names the figures whose regression gate failed ("-" for none) and the other work's share
# of the machine before and during each run.
# Exit status: 0 when both baselines meet the acceptance (at most 1 false alarm in 20, at least 19
# detections in 20, scaled to RERUNS); 1 when one does not; 2 when a run fails.
set -euo pipefail

DURATION=${DURATION:-30s}
RERUNS=${RERUNS:-20}
BASE=${BASE:-50ms}
SLOW=${SLOW:-60ms}
QUIET_WAIT=${QUIET_WAIT:-300}
QUIET_BELOW=${QUIET_BELOW:-25}
readonly BASELINE_RUNS=5

cd "$(dirname "$0")/../.."
ROOT=$(pwd)

die() {
  echo "regression-alarms: $*" >&2
  exit 2
}

[[ $RERUNS =~ ^[1-9][0-9]*$ ]] || die "RERUNS='$RERUNS' is not a positive whole number"
case $DURATION in
  *[0-9]s) SECS=${DURATION%s} ;;
  *[0-9]m) SECS=$((${DURATION%m} * 60)) ;;
  *) SECS=$DURATION ;;
esac
[[ $SECS =~ ^[1-9][0-9]*$ ]] || die "DURATION='$DURATION' is not a duration such as 30s or 2m"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/perfgate-alarms.XXXXXX")
RUN_WATCHER=""
# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
  if [[ -n $RUN_WATCHER ]]; then
    kill "$RUN_WATCHER" 2>/dev/null || true
  fi
  if [[ -n ${BENCH_KEEP:-} ]]; then
    echo "runs kept in $WORK"
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- compile once, classpath once, a private copy of the classes ----
mvnq() { # offline first, then online (for a machine whose Maven repository lacks something)
  { mvn -B -q -Dstyle.color=never -o "$@" || mvn -B -q -Dstyle.color=never "$@"; } 2>&1 |
    sed -e 's/\x1b\[[0-9;]*m//g' | { grep -v '^$' || true; }
}
echo "Compiling (mvn -q test-compile)"
mvnq test-compile
mvnq dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test >/dev/null
cp -r "$ROOT/target/classes" "$WORK/classes"
cp -r "$ROOT/target/test-classes" "$WORK/test-classes"
[[ -f $WORK/test-classes/io/perfgate/simulations/ConfiguredSimulation.class &&
  -f $WORK/classes/io/perfgate/cli/Main.class ]] ||
  die "target/classes or target/test-classes is incomplete (is another build running?)"
CP="$WORK/test-classes:$WORK/classes:$(cat "$WORK/cp.txt")"

# The options gatling-maven-plugin gives the Gatling JVM on Java 17, and the pom's offline
# preferences (Gatling looks up its latest release at start unless told it just did).
JVM_OPTS=(-XX:+HeapDumpOnOutOfMemoryError -XX:MaxInlineLevel=20 -XX:MaxTrivialSize=12 -Xmx1G
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/jdk.internal.misc=ALL-UNNAMED
  -Djava.util.prefs.PreferencesFactory=io.perfgate.simulation.OfflinePreferences)
SETTINGS=(-Dperfgate.config=src/bench/alarms.conf -Dscenario=alarms -Dduration="${SECS}s")
PINNED=$WORK/baselines-pinned
NONE=$WORK/baselines-none
mkdir -p "$PINNED" "$NONE"

# ---- other load on the machine ----
HZ=$(getconf CLK_TCK)
CORES=$(nproc)
machine_ticks() { awk '/^cpu / { print $2 + $3 + $4 }' /proc/stat; }
busy_percent() {
  local a b
  a=$(machine_ticks)
  sleep 2
  b=$(machine_ticks)
  awk -v a="$a" -v b="$b" -v hz="$HZ" -v c="$CORES" 'BEGIN { printf "%.0f", (b - a) * 100 / (hz * 2 * c) }'
}
wait_for_quiet() {
  local waited=0
  BUSY=$(busy_percent)
  while ((BUSY >= QUIET_BELOW && waited < QUIET_WAIT)); do
    sleep 3
    waited=$((waited + 5))
    BUSY=$(busy_percent)
  done
  BUSIEST=$((BUSY > ${BUSIEST:-0} ? BUSY : ${BUSIEST:-0}))
}

# children_cpu VAR: sets VAR to the CPU seconds of this script's finished children so far (bash's
# `times`, second line). Called directly, never in $( ): a subshell has children of its own.
children_cpu() {
  times >"$WORK/times"
  printf -v "$1" '%s' "$(awk 'NR == 2 { split($1, u, /[ms]/); split($2, s, /[ms]/)
    printf "%.2f", u[1] * 60 + u[2] + s[1] * 60 + s[2] }' "$WORK/times")"
}

# ---- one Gatling run: run <results folder> <latency> [more -D...]; sets RUN (its folder) and
# DURING, the other work's share of the machine while it ran (% of all cores) ----
run() {
  local results=$1 latency=$2 status=0 log m0 m1 c0 c1 t0 t1
  shift 2
  mkdir -p "$results"
  log=$results/console.log
  wait_for_quiet
  touch "$results/.started"
  m0=$(machine_ticks) t0=$(date +%s.%N)
  children_cpu c0
  timeout --kill-after=10 $((SECS * 2 + 120)) \
    java "${JVM_OPTS[@]}" "${SETTINGS[@]}" -Ddemo.faults.latency="$latency" "$@" \
    -Dperfgate.resultsFolder="$results" -cp "$CP" \
    io.gatling.app.Gatling -s io.perfgate.simulations.ConfiguredSimulation -rf "$results" -nr \
    >"$log" 2>&1 &
  RUN_WATCHER=$!
  wait "$RUN_WATCHER" || status=$?
  RUN_WATCHER=""
  m1=$(machine_ticks) t1=$(date +%s.%N)
  children_cpu c1
  DURING=$(awk -v m="$((m1 - m0))" -v c0="$c0" -v c1="$c1" -v t0="$t0" -v t1="$t1" -v hz="$HZ" \
    -v n="$CORES" 'BEGIN { o = m / hz - (c1 - c0); if (o < 0) o = 0; printf "%.0f", o * 100 / ((t1 - t0) * n) }')
  DURING_MAX=$((DURING > ${DURING_MAX:-0} ? DURING : ${DURING_MAX:-0}))
  # 0: no gate failed; 2: a gate failed (a regression). Anything else is a broken run.
  if ((status != 0 && status != 2)); then
    tail -40 "$log" >&2
    die "a run against the demo at $latency ended with status $status (output above)"
  fi
  RUN=$(find "$results" -mindepth 2 -maxdepth 2 -name simulation.log -newer "$results/.started" -printf '%h\n' |
    sort | tail -1)
  [[ -n $RUN && -f $RUN/perfgate/summary.json ]] || {
    tail -40 "$log" >&2
    die "the run left no perfgate/summary.json (output above)"
  }
}

cli() { java -cp "$CP" io.perfgate.cli.Main "$@"; }

# The figures of the run's failed regression gates ("p99", "p95 throughput"), "-" when none.
regressed() {
  local facts figures
  facts=$(cli facts "$1") || die "cannot read the summary of $1"
  figures=$(sed -n 's/^breach=regression global \([a-z0-9.]*\) no regression.*/\1/p' <<<"$facts" | xargs)
  echo "${figures:--}"
}
# The p95 regression gate's change and interval ("p95 +2 % [-3 %, +7 %] against ...").
p95_note() {
  cli facts "$1" | sed -n 's/^regression=\(p95 [^:]*\).*/\1/p' | head -1
}

echo
echo "machine: $CORES cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(free -h | awk '/^Mem:/ { print $2 }') memory"
echo "java:    $(java -version 2>&1 | head -1)"
echo "load:    100 arrivals/s for ${SECS}s (5 s warm-up), GET /health on the embedded demo service"
echo "service: $BASE per answer for the baseline and the identical reruns, $SLOW for the slower ones"
echo "reruns:  $RERUNS identical, $RERUNS slower; each judged against the pinned baseline and the last $BASELINE_RUNS runs"
echo

# ---- the baseline: 5 passing runs; the first is also saved with `baseline save` ----
BASE_RESULTS=$WORK/baseline
for i in $(seq 1 "$BASELINE_RUNS"); do
  run "$BASE_RESULTS" "$BASE" -Dsla.regression.enabled=false -Dbaselines="$NONE"
  echo "baseline run $i: $(basename "$RUN") (other load before / during: $BUSY % / $DURING %; p95 $(cli facts "$RUN" | sed -n 's/^p95=//p') ms)"
  if ((i == 1)); then
    cli baseline save "$RUN" "${SETTINGS[@]}" -Dbaselines="$PINNED" >/dev/null ||
      die "baseline save of $RUN failed"
  fi
done
BASE_DIRS=$(find "$BASE_RESULTS" -mindepth 1 -maxdepth 1 -type d ! -name trend)
echo

# ---- reruns: each in a results folder whose history holds the baseline runs only ----
printf '| rerun | service | other load before / during %% | pinned: regressed | p95 against the pinned baseline | rolling: regressed | p95 against the last %d runs |\n' "$BASELINE_RUNS"
printf '|---|---|---:|---|---|---|---|\n'
declare -A COUNT=([same-pinned]=0 [same-rolling]=0 [slow-pinned]=0 [slow-rolling]=0)
for kind in same slow; do
  latency=$BASE
  [[ $kind == slow ]] && latency=$SLOW
  for i in $(seq 1 "$RERUNS"); do
    results=$WORK/$kind-$i
    mkdir -p "$results"
    cp "$BASE_RESULTS/history.jsonl" "$results/history.jsonl"
    for d in $BASE_DIRS; do
      ln -s "$d" "$results/$(basename "$d")"
    done
    # Judged against the pinned baseline as it runs...
    run "$results" "$latency" -Dbaselines="$PINNED"
    pinned=$(regressed "$RUN")
    pinned_note=$(p95_note "$RUN")
    cp "$RUN/perfgate/summary.json" "$RUN/perfgate/summary-pinned.json"
    # ...then again by `analyze`, without the pinned baseline: against the last 5 runs.
    status=0
    cli analyze "$RUN" "${SETTINGS[@]}" -Dbaselines="$NONE" >"$results/analyze.log" 2>&1 || status=$?
    if ((status != 0 && status != 2)); then
      cat "$results/analyze.log" >&2
      die "analyze of $RUN ended with status $status (output above)"
    fi
    rolling=$(regressed "$RUN")
    rolling_note=$(p95_note "$RUN")
    [[ $pinned == - ]] || COUNT[$kind-pinned]=$((COUNT[$kind-pinned] + 1))
    [[ $rolling == - ]] || COUNT[$kind-rolling]=$((COUNT[$kind-rolling] + 1))
    printf '| %d | %s | %s / %s | %s | %s | %s | %s |\n' "$i" "$latency" "$BUSY" "$DURING" \
      "$pinned" "$pinned_note" "$rolling" "$rolling_note"
  done
done

# Acceptance, scaled to RERUNS: at most 5 % false alarms, at least 95 % detections.
max_false=$((RERUNS / 20))
min_detect=$(((RERUNS * 19 + 19) / 20))
verdict=0
echo
for base in pinned rolling; do
  f=${COUNT[same-$base]}
  d=${COUNT[slow-$base]}
  ok=yes
  if ((f > max_false || d < min_detect)); then
    ok=NO
    verdict=1
  fi
  printf '%-8s %s runs: false alarms %d of %d (%.0f %%), detections %d of %d (%.0f %%); acceptance (at most %d, at least %d): %s\n' \
    "$base" "$DURATION" "$f" "$RERUNS" "$(awk -v a="$f" -v b="$RERUNS" 'BEGIN { print 100 * a / b }')" \
    "$d" "$RERUNS" "$(awk -v a="$d" -v b="$RERUNS" 'BEGIN { print 100 * a / b }')" "$max_false" "$min_detect" "$ok"
done
if ((BUSIEST >= QUIET_BELOW || DURING_MAX >= QUIET_BELOW)); then
  echo "NOTE: other work used up to ${BUSIEST} % of the machine before a run and ${DURING_MAX} % during one: rates can suffer."
fi
exit "$verdict"
