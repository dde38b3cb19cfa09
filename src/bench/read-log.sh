#!/usr/bin/env bash
# Reading simulation.log: perfgate's reader (io.perfgate.results.ReadLogMain: read the binary log,
# compute RunStats, print the global figures) against Gatling's own report generation
# (io.gatling.app.Gatling -ro) on the same log. A benchmark kept in the repo; CI never runs it.
#
#   src/bench/read-log.sh                                   # 3,000,000 requests, 3 rounds (~15 min)
#   REQUESTS=200000 ROUNDS=1 src/bench/read-log.sh          # quick smoke
#
# The logs are real: Gatling 3.15.1 runs io.perfgate.results.ReadLogBenchSimulation (USERS users at
# once, each repeating "index" then "page" inside a group "pair") against nginx on 127.0.0.1, so
# a log holds exactly REQUESTS requests, REQUESTS/2 group records and 2 x USERS user records. Two
# logs are written: REQUESTS requests and a tenth of that.
#
# Each measured command is one JVM started directly, timed by /usr/bin/time -v: wall time, user +
# system CPU, maximum resident set size.
#   perfgate  java -cp ... io.perfgate.results.ReadLogMain <log>            (JVM defaults)
#   gatling   java <gatling-maven-plugin's JVM options> -cp ... io.gatling.app.Gatling -ro <run> -rf <dir>
#             (on a fresh copy of the run folder each round: -ro writes the report into it)
#   heap      java -Xmx64m -cp ... io.perfgate.results.ReadLogMain on the big and the small log
# Exits 1 when perfgate is not at least 20 times faster than Gatling in wall time and in CPU time
# (medians), or when reading a log with -Xmx64m fails or needs more than 64 MiB of heap.
#
# Environment: REQUESTS (default 3000000), USERS (default 30), ROUNDS (default 3), QUIET_WAIT and
# QUIET_BELOW (waiting for other load to settle before each measured run, as in
# cpu-per-request.sh), BENCH_KEEP=1 (keeps the logs and outputs in the temporary directory).
set -euo pipefail

readonly MIN_RATIO=20
REQUESTS=${REQUESTS:-3000000}
USERS=${USERS:-30}
ROUNDS=${ROUNDS:-3}
QUIET_WAIT=${QUIET_WAIT:-120}
QUIET_BELOW=${QUIET_BELOW:-15}

cd "$(dirname "$0")/../.."
ROOT=$(pwd)

die() {
  echo "read-log: $*" >&2
  exit 2
}

[[ $REQUESTS =~ ^[1-9][0-9]*$ ]] || die "REQUESTS='$REQUESTS' is not a positive whole number"
[[ $USERS =~ ^[1-9][0-9]*$ ]] || die "USERS='$USERS' is not a positive whole number"
[[ $ROUNDS =~ ^[1-9][0-9]*$ ]] || die "ROUNDS='$ROUNDS' is not a positive whole number"
((REQUESTS % (20 * USERS) == 0)) || die "REQUESTS must be a multiple of 20 x USERS ($((20 * USERS)))"

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    die "'$*' needs root"
  fi
}

# nginx (the target) and time (/usr/bin/time -v) from Debian's packages, installed when missing.
NGINX=$(command -v nginx || true)
[[ -n $NGINX ]] || NGINX=/usr/sbin/nginx
missing=()
[[ -x $NGINX ]] || missing+=(nginx)
[[ -x /usr/bin/time ]] || missing+=(time)
if ((${#missing[@]})); then
  echo "Installing ${missing[*]} from Debian's packages"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  NGINX=$(command -v nginx || echo /usr/sbin/nginx)
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/perfgate-read-log.XXXXXX")
NGINX_PID=""
cleanup() {
  if [[ -n $NGINX_PID ]] && kill -0 "$NGINX_PID" 2>/dev/null; then
    kill "$NGINX_PID" 2>/dev/null || true
    wait "$NGINX_PID" 2>/dev/null || true
  fi
  if [[ -n ${BENCH_KEEP:-} ]]; then
    echo "logs and outputs kept in $WORK"
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- nginx on 127.0.0.1, its own prefix, a free port (tried: nginx binds it or exits) ----
http_get() {
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
    cat >"$prefix/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $prefix/nginx.pid;
error_log $prefix/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $prefix/tmp/body;
  proxy_temp_path $prefix/tmp/proxy;
  fastcgi_temp_path $prefix/tmp/fastcgi;
  uwsgi_temp_path $prefix/tmp/uwsgi;
  scgi_temp_path $prefix/tmp/scgi;
  keepalive_requests 10000000;
  server {
    listen 127.0.0.1:$port backlog=4096;
    location / { default_type text/plain; return 200 "ok\n"; }
  }
}
EOF
    : >"$prefix/error.log"
    "$NGINX" -p "$prefix" -c "$prefix/nginx.conf" 2>>"$prefix/error.log" &
    NGINX_PID=$!
    for _ in $(seq 1 50); do
      kill -0 "$NGINX_PID" 2>/dev/null || break
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

# ---- compile once; a private copy of the classes, so that another build in target/ cannot
# change or remove them under the runs ----
echo "Compiling (mvn -B -q -o test-compile)"
mvn -B -q -o test-compile || mvn -B -q test-compile
mvn -B -q -o dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test >/dev/null ||
  mvn -B -q dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test >/dev/null
snapshot_classes() {
  rm -rf "$WORK/classes" "$WORK/test-classes"
  cp -r "$ROOT/target/classes" "$WORK/classes" 2>/dev/null &&
    cp -r "$ROOT/target/test-classes" "$WORK/test-classes" 2>/dev/null &&
    [[ -f $WORK/classes/io/perfgate/results/ReadLogMain.class &&
      -f $WORK/classes/io/perfgate/results/StatsCollector.class &&
      -f $WORK/test-classes/io/perfgate/results/ReadLogBenchSimulation.class &&
      -f $WORK/test-classes/gatling.conf ]]
}
snapshot_classes || { mvn -B -q -o test-compile || mvn -B -q test-compile; snapshot_classes; } ||
  die "target/classes or target/test-classes is incomplete (is another build running?)"
CP="$WORK/test-classes:$WORK/classes:$(cat "$WORK/cp.txt")"

# gatling-maven-plugin 4.21.12's options for the Gatling JVM on Java 17, and perfgate's offline
# preferences (no look-up of Gatling's latest release).
GATLING_JVM=(-XX:+HeapDumpOnOutOfMemoryError -XX:MaxInlineLevel=20 -XX:MaxTrivialSize=12 -Xmx1G
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/jdk.internal.misc=ALL-UNNAMED
  -Djava.util.prefs.PreferencesFactory=io.perfgate.simulation.OfflinePreferences)

# ---- other load on the machine (see cpu-per-request.sh) ----
busy_percent() {
  local a b
  a=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat)
  sleep 2
  b=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat)
  awk -v a="$a" -v b="$b" 'BEGIN { split(a, x, " "); split(b, y, " "); t = y[2] - x[2]
    printf "%.0f", (t > 0 ? (y[1] - x[1]) * 100 / t : 0) }'
}
wait_for_quiet() {
  local waited=0
  OTHER_LOAD=$(busy_percent)
  while ((OTHER_LOAD >= QUIET_BELOW && waited < QUIET_WAIT)); do
    sleep 3
    waited=$((waited + 5))
    OTHER_LOAD=$(busy_percent)
  done
}

# ---- the logs: real Gatling runs ----
start_nginx
URL=http://127.0.0.1:$PORT
generate() { # name requests -> sets LOG
  local name=$1 requests=$2 dir=$WORK/logs/$1 iterations global total
  iterations=$((requests / (2 * USERS)))
  mkdir -p "$dir"
  echo "Writing the $name log: $USERS users x $iterations iterations x 2 requests = $requests requests (Gatling against nginx on $URL)"
  if ! /usr/bin/time -f '%e s wall, %U s user, %S s sys' -o "$dir/time" \
    timeout --kill-after=10 3600 \
    java "${GATLING_JVM[@]}" -Dbench.url="$URL" -Dbench.users="$USERS" -Dbench.iterations="$iterations" \
    -Dbench.seconds=3000 -cp "$CP" io.gatling.app.Gatling -s io.perfgate.results.ReadLogBenchSimulation \
    -rf "$dir" -nr >"$dir/console.log" 2>&1; then
    tail -40 "$dir/console.log" >&2
    die "the Gatling run writing the $name log failed (output above)"
  fi
  global=$(grep -E '^> Global +\|' "$dir/console.log" | tail -1 || true)
  IFS='|' read -r _ total _ <<<"$global"
  total=${total//[^0-9]/}
  [[ $total == "$requests" ]] || die "the $name run sent ${total:-no} requests, not $requests"
  LOG=$(ls -d "$dir"/*/simulation.log)
  echo "  $(cat "$dir/time"); $(du -m "$LOG" | cut -f1) MB"
}
generate big "$REQUESTS"
BIG=$LOG
generate small $((REQUESTS / 10))
SMALL=$LOG
kill "$NGINX_PID" 2>/dev/null || true
wait "$NGINX_PID" 2>/dev/null || true
NGINX_PID=""

# ---- measured runs ----
seconds_of() { # h:mm:ss.ss or m:ss.ss -> seconds
  awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s }' <<<"$1"
}
# measure label output command... -> sets WALL CPU RSS_MB
measure() {
  local label=$1 out=$2
  shift 2
  wait_for_quiet
  if ! /usr/bin/time -v -o "$out.time" "$@" >"$out" 2>&1; then
    tail -30 "$out" >&2
    die "$label failed (output above)"
  fi
  WALL=$(seconds_of "$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$out.time")")
  CPU=$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$out.time")
  RSS_MB=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$out.time")
}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(free -h | awk '/^Mem:/ { print $2 }') memory"
echo "java:    $(java -version 2>&1 | head -1)"
echo "logs:    $REQUESTS requests ($(du -m "$BIG" | cut -f1) MB) and $((REQUESTS / 10)) requests ($(du -m "$SMALL" | cut -f1) MB)"
echo
printf '| round | reader | other load before | wall s | CPU s | max RSS MB |\n'
printf '|---|---|---:|---:|---:|---:|\n'
: >"$WORK/runs"
for round in $(seq 1 "$ROUNDS"); do
  measure "perfgate, round $round" "$WORK/perfgate-$round.out" \
    java -cp "$CP" io.perfgate.results.ReadLogMain "$BIG"
  printf '| %d | perfgate ReadLogMain | %s%% | %s | %s | %s |\n' "$round" "$OTHER_LOAD" "$WALL" "$CPU" "$RSS_MB"
  echo "perfgate $WALL $CPU $RSS_MB" >>"$WORK/runs"

  copy=$WORK/ro-$round
  rm -rf "$copy"
  mkdir -p "$copy"
  cp -r "$(dirname "$BIG")" "$copy/"
  measure "gatling -ro, round $round" "$WORK/gatling-$round.out" \
    java "${GATLING_JVM[@]}" -cp "$CP" io.gatling.app.Gatling -ro "$(basename "$(dirname "$BIG")")" -rf "$copy"
  [[ -f $copy/$(basename "$(dirname "$BIG")")/index.html ]] || die "gatling -ro wrote no index.html"
  printf '| %d | Gatling -ro | %s%% | %s | %s | %s |\n' "$round" "$OTHER_LOAD" "$WALL" "$CPU" "$RSS_MB"
  echo "gatling $WALL $CPU $RSS_MB" >>"$WORK/runs"
  rm -rf "$copy"
done

echo
echo "perfgate's figures (last round):"
sed 's/^/  /' "$WORK/perfgate-$ROUNDS.out"
echo "Gatling's figures (last round, console summary):"
grep -E '^> (request count|min|max|mean|response time|mean throughput)' "$WORK/gatling-$ROUNDS.out" | sed 's/^/  /' || true

echo
printf '| heap | log | wall s | CPU s | max RSS MB | live heap after reading | peak heap |\n'
printf '|---|---|---:|---:|---:|---:|---:|\n'
for which in big small; do
  log=$BIG
  [[ $which == small ]] && log=$SMALL
  measure "perfgate -Xmx64m on the $which log" "$WORK/heap-$which.out" \
    java -Xmx64m -cp "$CP" io.perfgate.results.ReadLogMain "$log"
  live=$(sed -n 's/.*live after GC \([0-9.]*\) MiB.*/\1 MiB/p' "$WORK/heap-$which.out")
  peak=$(sed -n 's/.*peak \([0-9.]*\) MiB.*/\1 MiB/p' "$WORK/heap-$which.out")
  printf '| -Xmx64m | %s (%s MB) | %s | %s | %s | %s | %s |\n' "$which" "$(du -m "$log" | cut -f1)" "$WALL" "$CPU" "$RSS_MB" "$live" "$peak"
done

p_wall=$(awk '$1 == "perfgate" { print $2 }' "$WORK/runs" | median)
g_wall=$(awk '$1 == "gatling" { print $2 }' "$WORK/runs" | median)
p_cpu=$(awk '$1 == "perfgate" { print $3 }' "$WORK/runs" | median)
g_cpu=$(awk '$1 == "gatling" { print $3 }' "$WORK/runs" | median)
ratio=$(awk -v g="$g_wall" -v p="$p_wall" 'BEGIN { printf "%.1f", g / p }')
cpu_ratio=$(awk -v g="$g_cpu" -v p="$p_cpu" 'BEGIN { printf "%.1f", g / p }')
echo
echo "median wall: perfgate $p_wall s, Gatling -ro $g_wall s: perfgate ${ratio}x faster (CPU: $p_cpu s vs $g_cpu s, ${cpu_ratio}x)"
if awk -v r="$ratio" -v c="$cpu_ratio" -v m="$MIN_RATIO" 'BEGIN { exit !(r < m || c < m) }'; then
  echo "FAIL: less than ${MIN_RATIO}x faster than Gatling's report generation in wall or CPU time" >&2
  exit 1
fi
echo "PASS: at least ${MIN_RATIO}x faster than Gatling's report generation, in wall and in CPU time"
