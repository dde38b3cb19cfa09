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
# PAIRED=1 runs plain and suite at the same time in each round, both JVMs on the JVM's core, instead
# of one after the other: a diagnostic for machines whose CPU speed drifts between runs minutes
# apart (a virtual machine's often does, by several percent), as both then meet the same speed.
# Each JVM gets about half the core, so the default DURATION becomes 120s (about 60 s of CPU each,
# as alone for 60 s); nginx's counter cannot tell their requests apart, so there is no startup /
# load / after split. The figure the 1.05 limit is set for is the alternating one.
#
# Environment: CASES (default "connections keep-alive"), USERS (default 64), DURATION (default
# 60s; 90, 90s or 2m), ROUNDS (default 3), PAIRED=1 (above), LIVE_SCRAPE=1 (reads the suite's
# live /metrics endpoint and its live page every second during its runs, as Prometheus and a
# browser would),
# QUIET_WAIT, QUIET_BELOW (waiting for other load to settle before each run, see below),
# BENCH_KEEP=1 (keeps each run's console output in the temporary directory),
# BENCH_JVM_OPTS (replaces the JVM options below, for both simulations alike; keep the --add-opens).
set -euo pipefail

readonly MAX_RATIO=1.05
USERS=${USERS:-64}
PAIRED=${PAIRED:-}
if [[ -n $PAIRED ]]; then
  DURATION=${DURATION:-120s}
else
  DURATION=${DURATION:-60s}
fi
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
RUN_WATCHERS="" # the timeout processes of the Gatling JVMs running now; each passes a TERM on to its JVM
cleanup() {
  local w
  for w in $RUN_WATCHERS; do
    kill "$w" 2>/dev/null || true
  done
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
if [[ -n $PAIRED ]]; then
  echo "paired:  plain and suite run at the same time in each round, both on the JVM's core"
fi
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

# ---- measured runs ----
# run_set ROUND CASE KIND...: runs the Gatling JVM of each KIND (plain, suite) at the same time, all
# pinned to the JVM's core, and sets for each KIND: RUN_REQUESTS, RUN_KO, RUN_USER, RUN_SYS,
# RUN_WALL, RUN_BESIDE, RUN_STARTUP, RUN_AFTER, RUN_OTHER_BEFORE, RUN_OTHER_DURING. Gatling stops on
# its own after the injection's duration; timeout only guards against a hung JVM.
declare -A RUN_REQUESTS RUN_KO RUN_USER RUN_SYS RUN_WALL RUN_BESIDE RUN_STARTUP RUN_AFTER
declare -A RUN_OTHER_BEFORE RUN_OTHER_DURING
run_set() {
  local round=$1 case=$2 kind dir before after served global case_props m0 n0 m1 n1
  shift 2
  local kinds=("$@")
  read -r -a case_props <<<"${CASE_PROPS[$case]}"
  for kind in "${kinds[@]}"; do
    mkdir -p "$WORK/$case-$kind-$round/results"
    : >"$WORK/$case-$kind-$round/samples"
  done
  wait_for_quiet
  before=$(nginx_requests)
  m0=$(machine_ticks) n0=$(nginx_ticks)
  local -A timed=() jvm=() endwatch=() beside=() scraper=()
  for kind in "${kinds[@]}"; do
    dir=$WORK/$case-$kind-$round
    local live_props=()
    if [[ -n ${LIVE_SCRAPE:-} && $kind == suite ]]; then
      # perfgate picks a free port and names it at start: a port chosen here could collide with
      # the ephemeral ports the load itself is using.
      live_props=(-Dlive.port=0)
      scrape_live "$dir" &
      scraper[$kind]=$!
    fi
    /usr/bin/time -f '%U %S %e' -o "$dir/time" \
      timeout --kill-after=10 $((SECS * 2 + 120)) \
      ${PIN_JVM[@]+"${PIN_JVM[@]}"} java "${JVM_OPTS[@]}" "${PROPS[@]}" "${case_props[@]}" \
      ${live_props[@]+"${live_props[@]}"} -Dperfgate.resultsFolder="$dir/results" -cp "$CP" \
      io.gatling.app.Gatling -s "${CLASS[$kind]}" -rf "$dir/results" -nr >"$dir/console.log" 2>&1 &
    timed[$kind]=$!
    beside[$kind]=0
  done
  # Where each JVM's CPU goes: every 0.2 s, its CPU ticks so far and nginx's request counter (each
  # reading is one request more). With one JVM, the first and last readings during which requests
  # arrived split its CPU into startup, load and after the load (perfgate's analysis of the run,
  # shutdown); with several, nginx's counter cannot tell their requests apart, so there is no
  # split. The suite's JVM also starts a small JVM beside itself, which finalises the run should
  # the Gatling JVM die (perfgate's end watcher, the JVM's only child). /usr/bin/time does not
  # count it, as the Gatling JVM never waits for it, so its CPU ticks are read here too and added
  # to the suite's: its last reading, just before the Gatling JVM ends, leaves out only its final
  # look at the run folder.
  local samples=0 running=1 watcher ticks count status
  while ((running)); do
    running=0
    count=""
    for kind in "${kinds[@]}"; do
      kill -0 "${timed[$kind]}" 2>/dev/null || continue
      running=1
      if [[ -z ${jvm[$kind]:-} ]] && watcher=$(pgrep -P "${timed[$kind]}"); then
        RUN_WATCHERS+=" $watcher"
        jvm[$kind]=$(pgrep -P "$watcher" || true)
      fi
      if [[ -n ${jvm[$kind]:-} && -z ${endwatch[$kind]:-} ]]; then
        endwatch[$kind]=$(pgrep -P "${jvm[$kind]}" | head -1 || true)
      fi
      if [[ -n ${endwatch[$kind]:-} ]] &&
        ticks=$(awk '{ print $14 + $15 }' "/proc/${endwatch[$kind]}/stat" 2>/dev/null); then
        beside[$kind]=$ticks
      fi
      if [[ -n ${jvm[$kind]:-} ]] &&
        ticks=$(awk '{ print $14 + $15 }' "/proc/${jvm[$kind]}/stat" 2>/dev/null); then
        if [[ -z $count ]] && count=$(nginx_requests); then
          samples=$((samples + 1))
        fi
        if [[ -n $count ]]; then
          echo "$ticks $count" >>"$WORK/$case-$kind-$round/samples"
        fi
      fi
    done
    sleep 0.2
  done
  local failed=""
  for kind in "${kinds[@]}"; do
    status=0
    wait "${timed[$kind]}" || status=$?
    RUN_BESIDE[$kind]=$(awk -v t="${beside[$kind]}" -v hz="$HZ" 'BEGIN { printf "%.2f", t / hz }')
    if [[ -n ${scraper[$kind]:-} ]]; then
      kill "${scraper[$kind]}" 2>/dev/null || true
      wait "${scraper[$kind]}" 2>/dev/null || true
      # The endpoint must really have been read about once a second, or the figures say nothing.
      local reads
      reads=$(cat "$WORK/$case-$kind-$round/scrapes" 2>/dev/null || echo 0)
      ((reads * 2 >= SECS)) || die "the suite's live endpoint was read $reads times in a ${SECS}s run"
      LIVE_READS=$((${LIVE_READS:-0} + reads))
    fi
    if ((status != 0)); then
      tail -40 "$WORK/$case-$kind-$round/console.log" >&2
      failed+="the $kind run of round $round failed with status $status (output above); "
    fi
  done
  RUN_WATCHERS=""
  [[ -z $failed ]] || die "$failed"
  m1=$(machine_ticks) n1=$(nginx_ticks)
  after=$(nginx_requests)
  served=$((after - before - 1 - samples))
  local ok_all=0 total_all=0 jvms_ticks=0 longest=0
  for kind in "${kinds[@]}"; do
    dir=$WORK/$case-$kind-$round
    # Gatling's console summary, printed every 5 s and once more at the end: its last
    # "> Global | total | OK | KO" line counts every request of the run (digits only: the numbers
    # carry thousands separators).
    global=$(grep -E '^> Global +\|' "$dir/console.log" | tail -1 || true)
    [[ -n $global ]] || { tail -40 "$dir/console.log" >&2; die "no request count in the $kind run's output"; }
    local total ok ko user sys wall
    IFS='|' read -r _ total ok ko <<<"$global"
    total=${total//[^0-9]/} ok=${ok//[^0-9]/} ko=${ko//[^0-9]/}
    [[ -n $total && -n $ok && -n $ko ]] || die "cannot read the request count in: $global"
    ((ok + ko == total)) || die "the counts in '$global' do not add up"
    ((total > 0)) || die "the $kind run of round $round sent no request"
    if ((ko * 1000 > total)); then
      grep -A10 -- '---- Errors' "$dir/console.log" | tail -12 >&2 || true
      die "the $kind run of round $round had $ko failed requests of $total: the numbers would not compare like with like"
    fi
    read -r user sys wall <"$dir/time"
    RUN_REQUESTS[$kind]=$total RUN_KO[$kind]=$ko RUN_USER[$kind]=$user RUN_SYS[$kind]=$sys
    RUN_WALL[$kind]=$wall
    longest=$(awk -v a="$longest" -v b="$wall" 'BEGIN { print (b > a) ? b : a }')
    ok_all=$((ok_all + ok)) total_all=$((total_all + total))
    jvms_ticks=$(awk -v j="$jvms_ticks" -v u="$user" -v s="$sys" -v b="${RUN_BESIDE[$kind]}" \
      'BEGIN { printf "%.2f", j + u + s + b }')
    # startup: CPU before the first request; after: CPU once the last request was answered.
    if ((${#kinds[@]} == 1)); then
      read -r "RUN_STARTUP[$kind]" "RUN_AFTER[$kind]" < <(awk -v hz="$HZ" -v total="$user $sys" '
        { t[NR] = $1; n[NR] = $2 }
        END {
          for (i = 2; i <= NR; i++) if (n[i] - n[i - 1] > 1) { if (!first) first = i; last = i }
          split(total, x, " ")
          if (!first) { print "?", "?"; exit }
          printf "%.2f %.2f\n", t[first - 1] / hz, x[1] + x[2] - t[last] / hz
        }' "$dir/samples")
    else
      RUN_STARTUP[$kind]="-" RUN_AFTER[$kind]="-"
    fi
  done
  # nginx's own counter must agree with Gatling's (a request still in flight at the end may differ).
  if ((served < ok_all || served > total_all + USERS * ${#kinds[@]})); then
    die "round $round, $case: Gatling reports $total_all requests ($ok_all OK) but nginx served $served"
  fi
  local other
  other=$(awk -v m="$((m1 - m0))" -v n="$((n1 - n0))" -v j="$jvms_ticks" -v w="$longest" \
    -v hz="$HZ" -v c="$CORES" 'BEGIN { o = (m - n) / hz - j; if (o < 0) o = 0; printf "%.0f", o * 100 / (w * c) }')
  for kind in "${kinds[@]}"; do
    RUN_OTHER_BEFORE[$kind]=$OTHER_BEFORE RUN_OTHER_DURING[$kind]=$other
  done
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
    if [[ -n $PAIRED ]]; then
      run_set "$round" "$case" plain suite
    else
      run_set "$round" "$case" plain
      run_set "$round" "$case" suite
    fi
    for kind in plain suite; do
      cpu=$(awk -v u="${RUN_USER[$kind]}" -v s="${RUN_SYS[$kind]}" -v b="${RUN_BESIDE[$kind]}" 'BEGIN { printf "%.2f", u + s + b }')
      us=$(awk -v c="$cpu" -v n="${RUN_REQUESTS[$kind]}" 'BEGIN { printf "%.2f", c * 1e6 / n }')
      rps=$(awk -v n="${RUN_REQUESTS[$kind]}" -v d="$SECS" 'BEGIN { printf "%.0f", n / d }')
      PER[$case,$kind,$round]=$us
      if [[ -n $PAIRED ]]; then
        load="-" load_us="-"
      else
        load=$(awk -v u="${RUN_USER[$kind]}" -v s="${RUN_SYS[$kind]}" -v a="${RUN_STARTUP[$kind]}" -v b="${RUN_AFTER[$kind]}" 'BEGIN { printf "%.2f", u + s - a - b }')
        load_us=$(awk -v l="$load" -v n="${RUN_REQUESTS[$kind]}" 'BEGIN { printf "%.2f", l * 1e6 / n }')
      fi
      printf '| %s | %d | %s | %s%% / %s%% | %d | %d | %s | %s | %s | %s | %s | %s | %s / %s / %s | %s |\n' \
        "$case" "$round" "$kind" "${RUN_OTHER_BEFORE[$kind]}" "${RUN_OTHER_DURING[$kind]}" "${RUN_REQUESTS[$kind]}" "${RUN_KO[$kind]}" "$rps" \
        "${RUN_USER[$kind]}" "${RUN_SYS[$kind]}" "${RUN_BESIDE[$kind]}" "$cpu" "$us" \
        "${RUN_STARTUP[$kind]}" "$load" "${RUN_AFTER[$kind]}" "$load_us"
      echo "$case $kind $round ${RUN_REQUESTS[$kind]} ${RUN_KO[$kind]} ${RUN_USER[$kind]} ${RUN_SYS[$kind]} ${RUN_WALL[$kind]} $cpu $us ${RUN_OTHER_DURING[$kind]} $load_us" >>"$WORK/runs"
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
  if [[ -z $PAIRED ]]; then
    printf '%s: median load-phase CPU µs/request (startup and after-load left out): plain %.2f, suite %.2f\n' \
      "$case" "$plain_load" "$suite_load"
  fi
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
