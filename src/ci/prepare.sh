#!/usr/bin/env bash
# Readies a workspace for this build's load test: removes what earlier builds left behind, so that
# the build archives and publishes its own runs only (Jenkins keeps the workspace between nights:
# without this, `archiveArtifacts 'results/**'` and `junit 'results/**/perfgate/junit.xml'` would
# take every earlier night's runs again).
#
# Removes: the CI state (target/ci/, target/shards/), and in results/ every run folder (a folder
# with a simulation.log or a perfgate/ summary, including merged-* runs), compare/ pages and
# Gatling's lastRun.txt.
# Keeps: everything else in results/, in particular results/baselines/ (the saved baselines that
# regression gates compare with), results/history.jsonl (one line per run, the trend's data) and
# results/trend/ (the trend page).
#
# Outside CI it deletes your earlier runs too: it lists what it removes; PERFGATE_KEEP_RUNS=1 keeps
# the run folders and removes the CI state only.
#
# Environment: PERFGATE_KEEP_RUNS (see above).
# Exit status: 0 done; 1 something could not be removed.
set -euo pipefail
# shellcheck source=src/ci/lib.sh
source "$(dirname "$0")/lib.sh"

rm -rf "$CI_STATE" "$CI_SHARDS"
mkdir -p results "$CI_STATE"

if [[ ${PERFGATE_KEEP_RUNS:-} == 1 ]]; then
  ci_log "PERFGATE_KEEP_RUNS=1: earlier runs in results/ are kept."
  exit 0
fi

removed=0
for d in results/*/; do
  d=${d%/}
  name=${d#results/}
  case $name in
    baselines | trend) continue ;;
  esac
  if [[ -f $d/simulation.log || -f $d/perfgate/summary.json || $name == compare || $name == merged-* ]]; then
    rm -rf "$d"
    removed=$((removed + 1))
    ci_log "removed the earlier run $d"
  fi
done
rm -f results/lastRun.txt
ci_log "workspace ready: $removed earlier run folder(s) removed; baselines, history and trend kept."
