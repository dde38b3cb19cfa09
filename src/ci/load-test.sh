#!/usr/bin/env bash
# Runs one load test with gatling-maven-plugin (mvn gatling:test): the whole test on this machine
# (INJECTORS=1), or this injector's shard of a test that INJECTORS machines run at the same time
# (each with its own INJECTOR_INDEX; perfgate splits every profile's users and rates among them).
# Records where the run went and how it ended, for analyse.sh, merge.sh and gate-status.sh.
#
#   SCENARIO=smoke PERFGATE_EXTRA_ARGS=-Dscale=0.1 src/ci/load-test.sh
#
# Environment (the Jenkins parameters, same names):
#   SCENARIO             the profile (default smoke)
#   TARGET_URL           base URL of the service under test; empty: the target of the ENV overlay
#                        or of PERFGATE_TARGET_URL, else the embedded demo service
#   ENV                  the environment overlay resources/env/<ENV>.conf; empty or "none": none
#   INJECTORS            how many injectors run the test together (default 1)
#   INJECTOR_INDEX       this injector's shard, 0 to INJECTORS-1 (required when INJECTORS > 1)
#   PERFGATE_EXTRA_ARGS, MVN   see lib.sh (e.g. PERFGATE_EXTRA_ARGS=-Dscale=0.1 for a short run)
#
# Writes:
#   INJECTORS=1   the run folder results/<run>/ (Gatling's report and perfgate/); target/ci/run
#                 (its path), target/ci/status (this script's exit status), target/ci/load-test.log
#   shard i       the run folder target/shards/shard-<i>/<run>/, and .run, .status and
#                 load-test.log in target/shards/shard-<i>/ (what the Jenkinsfile stashes)
#
# Exit status:
#   0   the run passed every gate
#   2   a gate was breached (perfgate's verdict FAIL; Maven says "Gatling simulation assertions failed")
#   3   perfgate refused to start: a configuration mistake, explained in the output; no load was sent
#   1   the run broke: compile error, Gatling crash, no run folder, any other Maven failure
#   64  a mistake in the environment variables above
set -euo pipefail
# shellcheck source=src/ci/lib.sh
source "$(dirname "$0")/lib.sh"

ci_check_parameters
scenario=${SCENARIO:-smoke}
env=$(ci_env)
injectors=${INJECTORS:-1}
target=${TARGET_URL:-}

args=(-B -ntp gatling:test "-Dscenario=$scenario")
if ((injectors > 1)); then
  index=${INJECTOR_INDEX:-}
  if [[ ! $index =~ ^[0-9]+$ ]] || ((10#$index >= injectors)); then
    ci_die 64 "INJECTOR_INDEX='$index' must be this injector's shard, 0 to $((injectors - 1)), when INJECTORS=$injectors."
  fi
  index=$((10#$index))
  state=$CI_SHARDS/shard-$index
  status_file=$state/.status
  run_file=$state/.run
  folder=$state
  args+=("-Dinjector.count=$injectors" "-Dinjector.index=$index" "-Dgatling.resultsFolder=$CI_ROOT/$folder")
  what="shard $index of $injectors"
  if [[ -z $target && -z $env && -z ${PERFGATE_TARGET_URL:-} ]]; then
    ci_log "warning: no TARGET_URL: this shard tests its own embedded demo service, not a shared target."
  fi
else
  state=$CI_STATE
  status_file=$state/status
  run_file=$state/run
  folder=results
  what="the whole test"
fi
if [[ -n $target ]]; then
  args+=("-Dtarget.baseUrl=$target")
fi
if [[ -n $env ]]; then
  args+=("-Denv=$env")
fi
args+=(${CI_EXTRA[@]+"${CI_EXTRA[@]}"})

mkdir -p "$state" "$folder"
rm -f "$status_file" "$run_file"
log=$state/load-test.log

# The run folders (those with a simulation.log) in the results folder, one a line.
list_runs() {
  local d
  for d in "$folder"/*/; do
    if [[ -f ${d}simulation.log ]]; then
      printf '%s\n' "${d%/}"
    fi
  done | sort
}
before=$(list_runs)

ci_log "load test: profile $scenario, $what, target ${target:-"(ENV overlay or embedded demo service)"}, env ${env:-none}"
ci_log "${CI_MVN[*]} ${args[*]}"
set +e
"${CI_MVN[@]}" "${args[@]}" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
set -e

run_dir=$(comm -13 <(printf '%s\n' "$before") <(list_runs) | sed '/^$/d' | tail -n 1)
ci_write "$run_file" "$run_dir"

if ((rc == 0)) && [[ -n $run_dir ]]; then
  status=0
  ci_log "every gate held: $run_dir"
elif ((rc == 0)); then
  status=1
  ci_log "Maven succeeded but no run folder appeared in $folder/: nothing was run (SCENARIO=list?)."
elif grep -q 'No load was sent\.' "$log"; then
  status=3
  ci_log "perfgate refused to start: a configuration mistake, explained above. No load was sent."
elif grep -q 'Gatling simulation assertions failed' "$log" && [[ -n $run_dir ]]; then
  status=2
  ci_log "a gate was breached: $run_dir/perfgate/summary.md says which."
else
  status=1
  ci_log "the load test broke (Maven exit status $rc) ${run_dir:+"after writing $run_dir"}: see the output above."
fi
ci_write "$status_file" "$status"
exit "$status"
