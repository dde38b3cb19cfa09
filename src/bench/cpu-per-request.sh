#!/usr/bin/env bash
# CPU per request: perfgate's suite (ConfiguredSimulation with src/bench/bench.conf) against a
# minimal hand-written Gatling simulation (io.perfgate.bench.PlainGatlingSimulation), at the same
# closed-model load against the same local nginx, in two cases:
#   connections  each user sends one request on a connection of its own, then ends (a new user
#                replaces it): the kernel's connection handling dominates the cost;
#   keep-alive   each user loops on its own keep-alive connection for the whole run (a Gatling
#                `during` loop; `during = run` in perfgate's settings): Gatling's cheapest case, so
#                the one where perfgate's own work weighs most.
# nginx runs on core 0 and the Gatling JVM on core 1 (taskset) when the machine has two cores or
# more. A benchmark kept in the repo; CI never runs it.
#
#   src/bench/cpu-per-request.sh                                  # both cases, 64 users, 60s, 3 rounds: ~15 minutes
#   CASES=keep-alive src/bench/cpu-per-request.sh                 # one case
#   USERS=16 DURATION=10s ROUNDS=1 src/bench/cpu-per-request.sh   # quick smoke
#
# Each run is one Gatling JVM started directly (java -cp ... io.gatling.app.Gatling -nr), measured
# by /usr/bin/time: user + system CPU seconds of the whole JVM, startup, load, perfgate's after-run
# analysis and shutdown included, plus the CPU of the small JVM the suite starts beside it (its end
# watcher), divided by the number of requests Gatling reports (checked against nginx's own
# counter). Both simulations send the same request bytes (see PlainGatlingSimulation). Runs
# alternate plain, suite, plain, suite... with the same JVM options and the same system
# properties; only the simulation class differs. The table also
# splits each JVM's CPU into startup / load / after the load, to show where a difference comes from.
# Exits 1 when, in a case, the median of the per-round ratios suite/plain exceeds 1.05; 2 when a
# run fails.
#
# Environment: CASES (default "connections keep-alive"), USERS (default 64), DURATION (default
# 60s; 90, 90s or 2m), ROUNDS (default 3), LIVE_SCRAPE=1 (reads the suite's live /metrics
# endpoint and its live page every second during its runs, as Prometheus and a browser would),
# QUIET_WAIT, QUIET_BELOW (waiting for other load to settle before each run, see below),
# BENCH_KEEP=1 (keeps each run's console output in the temporary directory),
# BENCH_JVM_OPTS (replaces the JVM options below, for both simulations alike; keep the --add-opens).
set -euo pipefail

readonly MAX_RATIO=1.05
USERS=${USERS:-64}
DURATION=${DURATION:-60s}
ROUNDS=${ROUNDS:-3}
CASES=${CASES:-"connections keep-alive"}

cd "$(dirname "$0")/../.."
ROOT=$(pwd)

die() {
  echo "cpu-per-request: $*" >&2
  exit 2
}

[[ $USERS =~ ^[1-9][0-9]*$ ]] || die "USERS='$USERS' is not a positive whole number"
[[ $ROUNDS =~ ^[1-9][0-9]*$ ]] || die "ROUNDS='$ROUNDS' is not a positive whole number"
for c in $CASES; do
  [[ $c == connections || $c == keep-alive ]] || die "CASES may hold connections and keep-alive, not '$c'"
done
# Pinning: nginx on core 0, the Gatling JVM on core 1, so that neither steals the other's CPU.
PIN_NGINX=() PIN_JVM=()
if (($(nproc) >= 2)) && command -v taskset >/dev/null; then
  PIN_NGINX=(taskset -c 0) PIN_JVM=(taskset -c 1)
fi
case $DURATION in
  *[0-9]s) SECS=${DURATION%s} ;;
  *[0-9]m) SECS=$((${DURATION%m} * 60)) ;;
  *) SECS=$DURATION ;;
esac
[[ $SECS =~ ^[1-9][0-9]*$ ]] || die "DURATION='$DURATION' is not a duration such as 60, 60s or 2m"

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    die "'$*' needs root"
  fi
}

# Tools from Debian's packages, installed when missing: nginx (the target) and time (/usr/bin/time,
# which reports the CPU time of the Gatling JVM).
NGINX=$(command -v nginx || true)
[[ -n $NGINX ]] || NGINX=/usr/sbin/nginx
missing=()
[[ -x $NGINX ]] || missing+=(nginx)
[[ -x /usr/bin/time ]] || missing+=(time)
if ((${#missing[@]})); then
  echo "Installing ${missing[*]} from Debian's packages (apt-get update && apt-get install -y ${missing[*]})"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  NGINX=$(command -v nginx || echo /usr/sbin/nginx)
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/perfgate-bench.XXXXXX")
NGINX_PID=""
RUN_WATCHER="" # the timeout process of the Gatling JVM running now; it passes a TERM on to the JVM
cleanup() {
  if [[ -n $RUN_WATCHER ]]; then
    kill "$RUN_WATCHER" 2>/dev/null || true
  fi
  if [[ -n $NGINX_PID ]] && kill -0 "$NGINX_PID" 2>/dev/null; then
    kill "$NGINX_PID" 2>/dev/null || true
    wait "$NGINX_PID" 2>/dev/null || true
  fi
  if [[ -n ${BENCH_KEEP:-} ]]; then
    echo "console output and results kept in $WORK"
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- nginx on 127.0.0.1, own prefix, a free port (tried, not guessed: nginx binds it or exits) ----
http_get() { # path -> response body
  local port=$1 path=$2
  exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
  printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$path" >&3
  sed '1,/^\r\{0,1\}$/d' <&3
  exec 3<&-
}

start_nginx() {
  local prefix=$WORK/nginx port
  mkdir -p "$prefix/tmp"
  for _ in $(seq 1 20); do
    port=$((20000 + (RANDOM * 32768 + RANDOM) % 30000))
    sed -e "s|__PREFIX__|$prefix|g" -e "s|__PORT__|$port|g" "$ROOT/src/bench/nginx.conf" >"$prefix/nginx.conf"
    : >"$prefix/error.log"
    ${PIN_NGINX[@]+"${PIN_NGINX[@]}"} "$NGINX" -p "$prefix" -c "$prefix/nginx.conf" 2>>"$prefix/error.log" &
    NGINX_PID=$!
    for _ in $(seq 1 50); do
      if ! kill -0 "$NGINX_PID" 2>/dev/null; then
        break
      fi
      if [[ $(http_get "$port" / 2>/dev/null) == ok ]]; then
        PORT=$port
        return 0
      fi
      sleep 0.1
    done
    kill "$NGINX_PID" 2>/dev/null || true
    wait "$NGINX_PID" 2>/dev/null || true
    NGINX_PID=""
    grep -q "in use" "$prefix/error.log" || { cat "$prefix/error.log" >&2; die "nginx did not start"; }
  done
  die "no free port found for nginx after 20 tries"
}

nginx_requests() { # nginx's total request counter, this status request included
  http_get "$PORT" /nginx_status | awk 'NR == 3 { print $3 }'
}

start_nginx
URL=http://127.0.0.1:$PORT

# ---- compile once, classpath once ----
mvnq() { # offline first, then online (for a machine whose Maven repository lacks something)
  { mvn -B -q -Dstyle.color=never -o "$@" || mvn -B -q -Dstyle.color=never "$@"; } 2>&1 |
    sed -e 's/\x1b\[[0-9;]*m//g' | { grep -v '^$' || true; }
}
echo "Compiling (mvn -q test-compile)"
mvnq test-compile
mvnq dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test >/dev/null
# A private copy of the compiled classes, so that a build running meanwhile in target/ (mvn clean,
# a rebuild) cannot change or remove them under the runs; every run uses the same bytes.
snapshot_classes() {
  rm -rf "$WORK/classes" "$WORK/test-classes"
  cp -r "$ROOT/target/classes" "$WORK/classes" 2>/dev/null &&
    cp -r "$ROOT/target/test-classes" "$WORK/test-classes" 2>/dev/null &&
    [[ -f $WORK/test-classes/io/perfgate/bench/PlainGatlingSimulation.class &&
      -f $WORK/test-classes/io/perfgate/simulations/ConfiguredSimulation.class &&
      -f $WORK/classes/io/perfgate/simulation/Perfgate.class && -f $WORK/classes/reference.conf ]]
}
snapshot_classes || { mvnq test-compile && snapshot_classes; } ||
  die "target/classes or target/test-classes is incomplete (is another build running?)"
CP="$WORK/test-classes:$WORK/classes:$(cat "$WORK/cp.txt")"

# The same JVM options and system properties for both simulations; each reads its own. Like
# gatling:test (see the pom), each run also gets -Dperfgate.resultsFolder=<its results folder>, so
# the suite does all it does in a real run, its analysis of the run's simulation.log included.
if [[ -n ${BENCH_JVM_OPTS:-} ]]; then
  read -r -a JVM_OPTS <<<"$BENCH_JVM_OPTS"
else
  # The options gatling-maven-plugin 4.21.12 gives the Gatling JVM on Java 17 (mvn gatling:test).
  JVM_OPTS=(-XX:+HeapDumpOnOutOfMemoryError -XX:MaxInlineLevel=20 -XX:MaxTrivialSize=12 -Xmx1G
    --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/jdk.internal.misc=ALL-UNNAMED)
  # Gatling looks up its latest release on the internet at start unless its Java preferences say
  # it just did; the pom's option for gatling:test (in-memory preferences that say so) keeps every
  # run local and alike.
  if [[ -f $WORK/classes/io/perfgate/simulation/OfflinePreferences.class ]]; then
    JVM_OPTS+=(-Djava.util.prefs.PreferencesFactory=io.perfgate.simulation.OfflinePreferences)
  fi
fi
PROPS=(
  -Dbench.url="$URL" -Dbench.users="$USERS" -Dbench.duration="$SECS"
  -Dperfgate.config=src/bench/bench.conf -Dusers="$USERS" -Dduration="${SECS}s"
  -Dtarget.baseUrl="$URL"
)
declare -A CASE_PROPS=(
  [connections]="-Dscenario=bench -Dbench.keepAlive=false"
  [keep-alive]="-Dscenario=bench-keepalive -Dbench.keepAlive=true"
)
declare -A CLASS=(
  [plain]=io.perfgate.bench.PlainGatlingSimulation
  [suite]=io.perfgate.simulations.ConfiguredSimulation
)

echo
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(free -h | awk '/^Mem:/ { print $2 }') memory"
echo "java:    $(java -version 2>&1 | head -1)"
echo "load:    $USERS concurrent users for ${SECS}s, GET $URL/ (nginx, pid $NGINX_PID), $ROUNDS round(s), cases: $CASES"
echo "pinning: ${PIN_NGINX[*]:-none} nginx, ${PIN_JVM[*]:-none} Gatling JVM"
echo "JVM:     ${JVM_OPTS[*]}"
echo

# ---- other load on the machine ----
# Other people's builds and tests on the same machine lower the throughput, and so raise the
# share of each JVM's fixed costs (startup, JIT) per request. So: before each run, wait up to
# QUIET_WAIT seconds (default 120) for the machine to be less than QUIET_BELOW % busy (default
# 10, in % of all cores, over 2 s while nothing of this script runs), then run anyway; and measure
# the other load during each run: the machine's user + system CPU time (/proc/stat) less that of
# the Gatling JVM and of nginx. The table shows both.
QUIET_WAIT=${QUIET_WAIT:-120}
QUIET_BELOW=${QUIET_BELOW:-10}
HZ=$(getconf CLK_TCK)
CORES=$(nproc)
machine_ticks() { awk '/^cpu / { print $2 + $3 + $4 }' /proc/stat; }
nginx_ticks() { # user + system ticks of nginx's master and workers
  local pid total=0
  for pid in "$NGINX_PID" $(pgrep -P "$NGINX_PID"); do
    total=$((total + $(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}
busy_percent() {
  local a b
  a=$(machine_ticks)
  sleep 2
  b=$(machine_ticks)
  awk -v a="$a" -v b="$b" -v hz="$HZ" -v c="$CORES" 'BEGIN { printf "%.0f", (b - a) * 100 / (hz * 2 * c) }'
}
wait_for_quiet() {
  local waited=0
  OTHER_BEFORE=$(busy_percent)
  while ((OTHER_BEFORE >= QUIET_BELOW && waited < QUIET_WAIT)); do
    sleep 3
    waited=$((waited + 5))
    OTHER_BEFORE=$(busy_percent)
  done
}

# ---- one measured run ----
# Sets RUN_REQUESTS, RUN_KO, RUN_USER, RUN_SYS, RUN_WALL. Gatling stops on its own after the
# injection's duration; timeout only guards against a hung JVM.
run_one() {
  local kind=$1 round=$2 case=$3 dir=$WORK/$3-$1-$2 before after served global case_props scraper=""
  read -r -a case_props <<<"${CASE_PROPS[$case]}"
  mkdir -p "$dir/results"
  wait_for_quiet
  before=$(nginx_requests)
  local m0 n0 m1 n1
  m0=$(machine_ticks) n0=$(nginx_ticks)
  local live_props=()
  if [[ -n ${LIVE_SCRAPE:-} && $kind == suite ]]; then
    # perfgate picks a free port and names it at start: a port chosen here could collide with
    # the ephemeral ports the load itself is using.
    live_props=(-Dlive.port=0)
    scrape_live "$dir" &
    scraper=$!
  fi
  /usr/bin/time -f '%U %S %e' -o "$dir/time" \
    timeout --kill-after=10 $((SECS * 2 + 120)) \
    ${PIN_JVM[@]+"${PIN_JVM[@]}"} java "${JVM_OPTS[@]}" "${PROPS[@]}" "${case_props[@]}" \
    ${live_props[@]+"${live_props[@]}"} -Dperfgate.resultsFolder="$dir/results" -cp "$CP" \
    io.gatling.app.Gatling -s "${CLASS[$kind]}" -rf "$dir/results" -nr >"$dir/console.log" 2>&1 &
  local timed=$! jvm="" watcher status=0 samples=0 ticks count endwatch="" endwatch_ticks=0
  # Where the JVM's CPU goes: every 0.2 s, its CPU ticks so far and nginx's request counter (each
  # reading is one request more). The first and last readings during which requests arrived split
  # the JVM's CPU into startup, load and after the load (perfgate's analysis of the run, shutdown).
  # The suite's JVM also starts a small JVM beside itself, which finalises the run should the
  # Gatling JVM die (perfgate's end watcher, the JVM's only child). /usr/bin/time does not count
  # it, as the Gatling JVM never waits for it, so its CPU ticks are read here too and added to the
  # suite's: its last reading, just before the Gatling JVM ends, leaves out only its final look at
  # the run folder.
  : >"$dir/samples"
  while kill -0 "$timed" 2>/dev/null; do
    if [[ -z $jvm ]] && watcher=$(pgrep -P "$timed"); then
      RUN_WATCHER=$watcher
      jvm=$(pgrep -P "$watcher" || true)
    fi
    if [[ -n $jvm && -z $endwatch ]]; then
      endwatch=$(pgrep -P "$jvm" | head -1 || true)
    fi
    if [[ -n $endwatch ]] && ticks=$(awk '{ print $14 + $15 }' "/proc/$endwatch/stat" 2>/dev/null); then
      endwatch_ticks=$ticks
    fi
    if [[ -n $jvm ]] && ticks=$(awk '{ print $14 + $15 }' "/proc/$jvm/stat" 2>/dev/null) &&
      count=$(nginx_requests); then
      echo "$ticks $count" >>"$dir/samples"
      samples=$((samples + 1))
    fi
    sleep 0.2
  done
  RUN_BESIDE=$(awk -v t="$endwatch_ticks" -v hz="$HZ" 'BEGIN { printf "%.2f", t / hz }')
  wait "$timed" || status=$?
  RUN_WATCHER=""
  if [[ -n $scraper ]]; then
    kill "$scraper" 2>/dev/null || true
    wait "$scraper" 2>/dev/null || true
    # The endpoint must really have been read about once a second, or the figures say nothing.
    local reads
    reads=$(cat "$dir/scrapes" 2>/dev/null || echo 0)
    ((reads * 2 >= SECS)) || die "the suite's live endpoint was read $reads times in a ${SECS}s run"
    LIVE_READS=$((${LIVE_READS:-0} + reads))
  fi
  if ((status != 0)); then
    tail -40 "$dir/console.log" >&2
    die "the $kind run of round $round failed with status $status (output above)"
  fi
  m1=$(machine_ticks) n1=$(nginx_ticks)
  after=$(nginx_requests)
  served=$((after - before - 1 - samples))
  # Gatling's console summary, printed every 5 s and once more at the end: its last
  # "> Global | total | OK | KO" line counts every request of the run (digits only: the numbers
  # carry thousands separators).
  global=$(grep -E '^> Global +\|' "$dir/console.log" | tail -1 || true)
  [[ -n $global ]] || { tail -40 "$dir/console.log" >&2; die "no request count in the $kind run's output"; }
  IFS='|' read -r _ RUN_TOTAL RUN_OK RUN_KO <<<"$global"
  RUN_TOTAL=${RUN_TOTAL//[^0-9]/} RUN_OK=${RUN_OK//[^0-9]/} RUN_KO=${RUN_KO//[^0-9]/}
  [[ -n $RUN_TOTAL && -n $RUN_OK && -n $RUN_KO ]] || die "cannot read the request count in: $global"
  RUN_REQUESTS=$RUN_TOTAL
  ((RUN_OK + RUN_KO == RUN_TOTAL)) || die "the counts in '$global' do not add up"
  read -r RUN_USER RUN_SYS RUN_WALL <"$dir/time"
  OTHER_DURING=$(awk -v m="$((m1 - m0))" -v n="$((n1 - n0))" -v u="$RUN_USER" -v s="$RUN_SYS" \
    -v b="$RUN_BESIDE" -v w="$RUN_WALL" -v hz="$HZ" -v c="$CORES" 'BEGIN { o = (m - n) / hz - u - s - b; if (o < 0) o = 0
      printf "%.0f", o * 100 / (w * c) }')
  # startup: CPU before the first request; after: CPU once the last request was answered.
  read -r RUN_STARTUP RUN_AFTER < <(awk -v hz="$HZ" -v total="$RUN_USER $RUN_SYS" '
    { t[NR] = $1; n[NR] = $2 }
    END {
      for (i = 2; i <= NR; i++) if (n[i] - n[i - 1] > 1) { if (!first) first = i; last = i }
      split(total, x, " ")
      if (!first) { print "?", "?"; exit }
      printf "%.2f %.2f\n", t[first - 1] / hz, x[1] + x[2] - t[last] / hz
    }' "$dir/samples")
  ((RUN_REQUESTS > 0)) || die "the $kind run of round $round sent no request"
  # nginx's own counter must agree with Gatling's (a request still in flight at the end may differ).
  if ((served < RUN_OK || served > RUN_REQUESTS + USERS)); then
    die "the $kind run: Gatling reports $RUN_REQUESTS requests ($RUN_OK OK) but nginx served $served"
  fi
  if ((RUN_KO * 1000 > RUN_REQUESTS)); then
    grep -A10 -- '---- Errors' "$dir/console.log" | tail -12 >&2 || true
    die "the $kind run of round $round had $RUN_KO failed requests of $RUN_REQUESTS: the numbers would not compare like with like"
  fi
}

# Reads the suite's live endpoint every second while it runs (LIVE_SCRAPE=1): /metrics as a
# Prometheus server would, and the live page's data as an open browser tab would.
scrape_live() {
  local dir=$1 port="" ok=0
  while sleep 1; do
    if [[ -z $port ]]; then
      port=$(sed -n 's|^live: live page http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$dir/console.log" 2>/dev/null | head -1)
      [[ -n $port ]] || continue
    fi
    if exec 4<>"/dev/tcp/127.0.0.1/$port" 2>/dev/null; then
      printf 'GET /metrics HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&4
      cat <&4 >/dev/null
      exec 4<&-
      exec 4<>"/dev/tcp/127.0.0.1/$port" 2>/dev/null &&
        printf 'GET /live.json HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&4 && cat <&4 >/dev/null
      exec 4<&- 2>/dev/null || true
      ok=$((ok + 1))
      echo "$ok" >"$dir/scrapes"
    fi
  done
}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

printf '| case | round | simulation | other load before / during | requests | KO | req/s | user s | sys s | watcher JVM s | CPU s | CPU µs/request | of which startup / load / after s | load µs/request |\n'
printf '|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n'
declare -A PER
declare -A RATIOS
for round in $(seq 1 "$ROUNDS"); do
  for case in $CASES; do
    for kind in plain suite; do
      run_one "$kind" "$round" "$case"
      cpu=$(awk -v u="$RUN_USER" -v s="$RUN_SYS" -v b="$RUN_BESIDE" 'BEGIN { printf "%.2f", u + s + b }')
      us=$(awk -v c="$cpu" -v n="$RUN_REQUESTS" 'BEGIN { printf "%.2f", c * 1e6 / n }')
      rps=$(awk -v n="$RUN_REQUESTS" -v d="$SECS" 'BEGIN { printf "%.0f", n / d }')
      PER[$case,$kind,$round]=$us
      load=$(awk -v u="$RUN_USER" -v s="$RUN_SYS" -v a="$RUN_STARTUP" -v b="$RUN_AFTER" 'BEGIN { printf "%.2f", u + s - a - b }')
      load_us=$(awk -v l="$load" -v n="$RUN_REQUESTS" 'BEGIN { printf "%.2f", l * 1e6 / n }')
      printf '| %s | %d | %s | %s%% / %s%% | %d | %d | %s | %s | %s | %s | %s | %s | %s / %s / %s | %s |\n' \
        "$case" "$round" "$kind" "$OTHER_BEFORE" "$OTHER_DURING" "$RUN_REQUESTS" "$RUN_KO" "$rps" "$RUN_USER" "$RUN_SYS" "$RUN_BESIDE" "$cpu" "$us" \
        "$RUN_STARTUP" "$load" "$RUN_AFTER" "$load_us"
      echo "$case $kind $round $RUN_REQUESTS $RUN_KO $RUN_USER $RUN_SYS $RUN_WALL $cpu $us $OTHER_DURING $load_us" >>"$WORK/runs"
    done
    RATIOS[$case]+="$(awk -v s="${PER[$case,suite,$round]}" -v p="${PER[$case,plain,$round]}" 'BEGIN { printf "%.6f", s / p }') "
  done
done

FAILED=""
for case in $CASES; do
  read -r -a ratios <<<"${RATIOS[$case]}"
  plain_median=$(awk -v c="$case" '$1 == c && $2 == "plain" { print $10 }' "$WORK/runs" | median)
  suite_median=$(awk -v c="$case" '$1 == c && $2 == "suite" { print $10 }' "$WORK/runs" | median)
  ratio_median=$(printf '%s\n' "${ratios[@]}" | median)
  plain_load=$(awk -v c="$case" '$1 == c && $2 == "plain" { print $12 }' "$WORK/runs" | median)
  suite_load=$(awk -v c="$case" '$1 == c && $2 == "suite" { print $12 }' "$WORK/runs" | median)
  echo
  echo "$case: ratio suite/plain by round: $(printf '%.3f ' "${ratios[@]}")"
  printf '%s: median CPU µs/request: plain %.2f, suite %.2f; median ratio suite/plain %.3f (limit %s)\n' \
    "$case" "$plain_median" "$suite_median" "$ratio_median" "$MAX_RATIO"
  printf '%s: median load-phase CPU µs/request (startup and after-load left out): plain %.2f, suite %.2f\n' \
    "$case" "$plain_load" "$suite_load"
  if awk -v r="$ratio_median" -v m="$MAX_RATIO" 'BEGIN { exit !(r > m) }'; then
    FAILED+="$case ($(awk -v r="$ratio_median" 'BEGIN { printf "%.1f", (r - 1) * 100 }')% more CPU per request) "
  fi
done

if [[ -n ${LIVE_SCRAPE:-} ]]; then
  echo
  echo "live endpoint: /metrics and /live.json read ${LIVE_READS:-0} times in all during the suite's runs"
fi
busiest=$(awk '{ print $11 }' "$WORK/runs" | sort -n | tail -1)
if ((busiest >= QUIET_BELOW)); then
  echo "NOTE: other processes used up to ${busiest}% of the machine during a run: the figures are"
  echo "      noisier than on a quiet machine; rerun when it is quiet before drawing conclusions."
fi
if [[ -n $FAILED ]]; then
  echo "FAIL: perfgate's suite costs more than $(awk -v m="$MAX_RATIO" 'BEGIN { printf "%.0f", (m - 1) * 100 }')% over plain Gatling in: $FAILED" >&2
  exit 1
fi
echo "PASS: within $(awk -v m="$MAX_RATIO" 'BEGIN { printf "%.0f", (m - 1) * 100 }')% of plain Gatling in every case ($CASES)"
