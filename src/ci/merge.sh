#!/usr/bin/env bash
# Merges the runs of the INJECTORS shards of one distributed load test into one run of record:
# perfgate's command line `merge` reads every shard's simulation.log (OSS Gatling cannot) and judges
# the gates on the combined figures. Each shard's own verdict only saw its share of the load and
# does not count; a shard that broke or was refused makes the whole test broken.
#
#   INJECTORS=2 SCENARIO=load src/ci/merge.sh     # after load-test.sh ran INJECTOR_INDEX=0 and 1
#
# Environment: SCENARIO, ENV, INJECTORS (more than 1), PERFGATE_EXTRA_ARGS (its -Dkey=value words
#   are passed to the merge, e.g. -Dscale=0.1, so that the plan and warm-up match the shards'), MVN.
# Reads: target/shards/shard-<i>/.run and .status and the run folder they name, for i in
#   0..INJECTORS-1 (in Jenkins: unstashed from the shards' agents).
# Writes: results/merged-<simulation>-<UTC time>/perfgate/{summary.json,summary.md,junit.xml,index.html};
#   target/ci/run (that folder), target/ci/status (this script's exit status), target/ci/merge.log.
# Exit status:
#   0   every gate held on the merged figures
#   2   a gate was breached on the merged figures
#   3   a shard was refused: a configuration mistake (see that shard's load-test.log)
#   1   broken: a shard broke or left no simulation.log, or the merge itself failed
#   64  a mistake in the environment variables
set -euo pipefail
# shellcheck source=src/ci/lib.sh
source "$(dirname "$0")/lib.sh"

ci_check_parameters
injectors=${INJECTORS:-1}
((injectors > 1)) || ci_die 64 "INJECTORS=$injectors: merge.sh merges the shards of a distributed test (INJECTORS > 1)."
scenario=${SCENARIO:-smoke}
env=$(ci_env)

mkdir -p "$CI_STATE"
rm -f "$CI_STATE/run" "$CI_STATE/status"
finish() {
  ci_write "$CI_STATE/status" "$1"
  exit "$1"
}

logs=()
worst=0
for ((i = 0; i < injectors; i++)); do
  shard=$CI_SHARDS/shard-$i
  status=$(ci_read "$shard/.status")
  run=$(ci_read "$shard/.run")
  case $status in
    0 | 2)
      if [[ -n $run && -f $run/simulation.log ]]; then
        ci_log "shard $i: $run (its own verdict ignored: it saw 1/$injectors of the load)"
        logs+=("$run/simulation.log")
        continue
      fi
      ci_log "shard $i: ended with status $status but left no simulation.log (${run:-no run folder})."
      worst=1
      ;;
    3)
      ci_log "shard $i: perfgate refused to start: a configuration mistake, see $shard/load-test.log."
      ((worst == 1)) || worst=3
      ;;
    "")
      ci_log "shard $i: no result in $shard/ (the shard did not run, or its stash is missing)."
      worst=1
      ;;
    *)
      ci_log "shard $i: the load test broke (status $status), see $shard/load-test.log."
      worst=1
      ;;
  esac
done
if ((worst != 0)); then
  ci_log "not merging: the test is broken when one of its $injectors shards is."
  finish "$worst"
fi

simulation=$(ci_summary_facts "$(dirname "${logs[0]}")/perfgate/summary.json" 2>/dev/null |
  sed -n 's/^simulation=//p' | tr '[:upper:]' '[:lower:]' || true)
merged=results/merged-${simulation:-run}-$(date -u +%Y%m%d%H%M%S)
cli="merge ${logs[*]} --scenario $scenario"
if [[ -n $env ]]; then
  cli+=" --env $env"
fi
cli+=" --out $merged"
extra=$(ci_extra_settings)
if [[ -n $extra ]]; then
  cli+=" $extra"
fi

rc=0
ci_cli "$cli" "$CI_STATE/merge.log" || rc=$?
if [[ -f $merged/perfgate/summary.json ]]; then
  ci_write "$CI_STATE/run" "$merged"
fi
case $rc in
  0)
    ci_log "merged $injectors shards into $merged: every gate held."
    finish 0
    ;;
  2)
    ci_log "merged $injectors shards into $merged: a gate was breached, $merged/perfgate/summary.md says which."
    finish 2
    ;;
  *)
    ci_log "the merge failed (perfgate exit status $rc), see the output above."
    finish 1
    ;;
esac
