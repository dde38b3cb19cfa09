#!/usr/bin/env bash
# Makes sure the run of record (the load test's run, or the merged run of a distributed test) has
# the files the publish steps take, and shows its verdict.
#
# A run that ended normally already has them: perfgate writes perfgate/ right after the run. When
# a run folder has a simulation.log but no perfgate/summary.json (the run was killed before
# perfgate could write it), this judges the log again with perfgate's `analyze` command (a log cut
# short is read up to its last whole record and marked truncated).
#
#   src/ci/analyse.sh             # after load-test.sh or merge.sh
#   RUN_DIR=results/<run> src/ci/analyse.sh
#
# Environment: RUN_DIR (default: the path in target/ci/run), SCENARIO and ENV (for `analyze` when
#   the run has no summary yet), PERFGATE_EXTRA_ARGS and MVN (see lib.sh).
# Checks: <run>/perfgate/summary.json, summary.md, junit.xml and index.html, and <run>/index.html
#   (Gatling's report; a merged run has none: OSS Gatling cannot build one from several logs).
#   When results/history.jsonl exists, rebuilds the trend page results/trend/index.html from it
#   (perfgate's `trend` command); a failure there is only a warning.
# Exit status:
#   0   the run's perfgate files are there, whatever its verdict (gate-status.sh decides on that)
#   1   they are not and cannot be made: the load test broke before a run folder was written, or
#       perfgate could not read its log
#   64  a mistake in the environment variables
set -euo pipefail
# shellcheck source=src/ci/lib.sh
source "$(dirname "$0")/lib.sh"

ci_check_parameters
run=${RUN_DIR:-$(ci_read "$CI_STATE/run")}
status=$(ci_read "$CI_STATE/status")

if [[ -z $run || ! -d $run ]]; then
  case $status in
    3) ci_die 1 "nothing to analyse: perfgate refused to start the load test (a configuration mistake, see the load test's output)." ;;
    "") ci_die 1 "nothing to analyse: no run recorded in $CI_STATE/ (did load-test.sh or merge.sh run?)." ;;
    *) ci_die 1 "nothing to analyse: the load test ended with status $status and left no run folder${run:+ ($run)}." ;;
  esac
fi

mkdir -p "$CI_STATE"
summary=$run/perfgate/summary.json
if [[ ! -f $summary ]]; then
  [[ -f $run/simulation.log ]] || ci_die 1 "$run has neither perfgate/summary.json nor a simulation.log to judge."
  ci_log "$run has no perfgate summary: judging its simulation.log again."
  cli="analyze $run --scenario ${SCENARIO:-smoke}"
  env=$(ci_env)
  if [[ -n $env ]]; then
    cli+=" --env $env"
  fi
  extra=$(ci_extra_settings)
  if [[ -n $extra ]]; then
    cli+=" $extra"
  fi
  rc=0
  ci_cli "$cli" "$CI_STATE/analyze.log" || rc=$?
  if ((rc != 0 && rc != 2)) || [[ ! -f $summary ]]; then
    ci_die 1 "perfgate could not judge $run (exit status $rc), see the output above."
  fi
fi

missing=()
for f in perfgate/summary.json perfgate/summary.md perfgate/junit.xml perfgate/index.html; do
  if [[ ! -f $run/$f ]]; then
    missing+=("$run/$f")
  fi
done
if ((${#missing[@]} > 0)); then
  ci_die 1 "perfgate's files are incomplete, missing: ${missing[*]}"
fi
if [[ ! -f $run/index.html ]]; then
  if [[ $(basename "$run") == merged-* ]]; then
    ci_log "$run is merged from several injectors: Gatling's reports are the shards' (target/shards/)."
  else
    ci_log "warning: $run has no Gatling report (index.html): Gatling could not build it."
  fi
fi
if [[ -f results/history.jsonl ]]; then
  # The trend across nights, from the history every run appends to (kept by prepare.sh). A trend
  # page that cannot be rebuilt is a warning: the gates decide the build.
  rc=0
  ci_cli "trend" "$CI_STATE/trend.log" || rc=$?
  if ((rc != 0)); then
    ci_log "warning: the trend page could not be rebuilt (perfgate exit status $rc)."
  fi
fi
if [[ -f results/trend/index.html ]]; then
  ci_log "trend page: results/trend/index.html"
else
  ci_log "no trend page (results/trend/index.html) yet."
fi

facts=$(ci_summary_facts "$summary") || ci_die 1 "$summary cannot be read."
sed -n 's/^breach=/  breached: /p' <<<"$facts" >&2
ci_log "run of record: $run, verdict $(sed -n 's/^verdict=//p' <<<"$facts")"
printf '\n' >&2
cat "$run/perfgate/summary.md" >&2
