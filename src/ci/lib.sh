# shellcheck shell=bash
# Helpers shared by the scripts in src/ci (sourced by them, never run on its own).
#
# Every script works from the project's root folder, whatever the caller's current folder, and
# keeps its state for the next step in target/ci/ (ignored by git, archived by Jenkins):
#   target/ci/run      path of the run of record, relative to the project (results/<run>)
#   target/ci/status   how the load test (or the merge) ended: 0, 2, 3 or 1, see load-test.sh
# A shard of a distributed test keeps the same two files as target/shards/shard-<i>/.run and
# .status, next to its run folder target/shards/shard-<i>/<run>/.
#
# Environment shared by the scripts:
#   MVN                  the Maven command (default "mvn"; e.g. "./mvnw" or "mvn -o")
#   PERFGATE_EXTRA_ARGS  more arguments for every Maven run, split on whitespace (no quoting),
#                        e.g. "-Dscale=0.1". Its -Dkey=value words also reach perfgate's command
#                        line (merge, analyze), so that a merged run is judged with the same settings.

# shellcheck disable=SC2034 # used by the scripts that source this file
CI_STATE=target/ci
# shellcheck disable=SC2034
CI_SHARDS=target/shards

cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 1
CI_ROOT=$(pwd)

read -r -a CI_MVN <<<"${MVN:-mvn}"
read -r -a CI_EXTRA <<<"${PERFGATE_EXTRA_ARGS:-}"

# Prints a message for people (on stderr, so that stdout stays machine-readable).
ci_log() {
  printf 'perfgate-ci: %s\n' "$*" >&2
}

# Ends the script with a status and a message.
ci_die() {
  local status=$1
  shift
  ci_log "$*"
  exit "$status"
}

# The -Dkey=value words of PERFGATE_EXTRA_ARGS, for perfgate's command line.
ci_extra_settings() {
  local a out=()
  for a in ${CI_EXTRA[@]+"${CI_EXTRA[@]}"}; do
    if [[ $a == -D*=* ]]; then
      out+=("$a")
    fi
  done
  printf '%s' "${out[*]:-}"
}

# The overlay to pass on: ENV, with "none" meaning no overlay.
ci_env() {
  local env=${ENV:-}
  if [[ $env == none ]]; then
    env=""
  fi
  printf '%s' "$env"
}

# Checks the Jenkins parameters every script shares; ends with status 64 on a mistake.
ci_check_parameters() {
  local scenario=${SCENARIO:-smoke}
  [[ $scenario =~ ^[A-Za-z0-9][A-Za-z0-9_.-]*$ ]] ||
    ci_die 64 "SCENARIO='$scenario' is not a profile name (smoke, baseline, load, stress, spike, endurance, soak, burst, heavy, breakpoint, benchmark)."
  [[ $(ci_env) =~ ^([A-Za-z0-9][A-Za-z0-9_.-]*)?$ ]] ||
    ci_die 64 "ENV='${ENV:-}' is not an environment name (none, local, staging, production)."
  [[ ${INJECTORS:-1} =~ ^[1-9][0-9]*$ ]] ||
    ci_die 64 "INJECTORS='${INJECTORS:-}' must be a whole number of at least 1 (1 = one machine)."
  local url=${TARGET_URL:-}
  if [[ -n $url && ! $url =~ ^https?://[^[:space:]]+$ ]]; then
    ci_die 64 "TARGET_URL='$url' must be an http:// or https:// URL, or empty for the embedded demo service."
  fi
}

# Runs perfgate's command line (src/perfgate, whose output is perfgate's alone), its output shown
# and kept in the file $2, and returns the command's own exit status (0 done, 2 a gate failed, 1 an
# error, 64 usage). The words of $1 are split on white space.
ci_cli() {
  local cli=$1 log=$2 rc=0 words
  ci_log "perfgate $cli"
  read -r -a words <<<"$cli"
  set +e
  "$CI_ROOT/src/perfgate" "${words[@]}" 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  set -e
  return "$rc"
}

# Reads a file's first line, or prints nothing when it does not exist.
ci_read() {
  if [[ -f $1 ]]; then
    head -n 1 "$1"
  fi
}

# Writes a value to a state file.
ci_write() {
  mkdir -p "$(dirname "$1")"
  printf '%s\n' "$2" >"$1"
}

# Facts from a summary.json as key=value lines (`src/perfgate facts`: run, simulation, scenario,
# verdict, truncated, aborted, requests, ok, gates, failed, failedRegression, failedSla, breach=...).
ci_summary_facts() {
  "$CI_ROOT/src/perfgate" facts "$1"
}
