#!/usr/bin/env bash
# Decides the build result of a load test from how it ended and from its summary.json, per FAIL_ON.
# Prints one word on stdout, SUCCESS, UNSTABLE or FAILURE (the Jenkinsfile sets the build result
# from it), and the reasons on stderr.
#
#   src/ci/gate-status.sh                          # after load-test.sh or merge.sh (+ analyse.sh)
#   FAIL_ON=regression src/ci/gate-status.sh 2 results/<run>/perfgate/summary.json
#
# Arguments: [STATUS [SUMMARY]]: the exit status of load-test.sh or merge.sh (default: target/ci/status)
#   and the run's summary.json (default: <the run in target/ci/run>/perfgate/summary.json).
# Environment: FAIL_ON, which breached gates fail the build (default sla):
#   sla         any breached gate
#   regression  only regression gates (written from a saved baseline: origin "baseline ...");
#               other breached gates make it UNSTABLE
#   never       none: breached gates make it UNSTABLE
#
#   how the run ended                          | sla      | regression | never
#   -------------------------------------------+----------+------------+---------
#   status 0 or 2, no gate breached            | SUCCESS  | SUCCESS    | SUCCESS
#   status 0 or 2, SLA gates breached only     | FAILURE  | UNSTABLE   | UNSTABLE
#   status 0 or 2, a regression gate breached  | FAILURE  | FAILURE    | UNSTABLE
#   broken: status 1, 3 (refused: configuration mistake), 64 or any other; no summary or an
#   unreadable one; a truncated log; not one request succeeded (target down?); status 2 with no
#   breached gate (the run could not be judged)  -> FAILURE, whatever FAIL_ON
#
# Exit status: 0 the result is printed; 64 a usage mistake (FAIL_ON or the arguments; nothing printed).
set -euo pipefail
# shellcheck source=src/ci/lib.sh
source "$(dirname "$0")/lib.sh"

fail_on=${FAIL_ON:-sla}
case $fail_on in
  sla | regression | never) ;;
  *) ci_die 64 "FAIL_ON='$fail_on' must be sla, regression or never." ;;
esac
(($# <= 2)) || ci_die 64 "usage: gate-status.sh [STATUS [SUMMARY_JSON]]"
status=${1:-$(ci_read "$CI_STATE/status")}
if (($# >= 2)); then
  summary=$2
else
  run=$(ci_read "$CI_STATE/run")
  summary=${run:+$run/perfgate/summary.json}
fi

decide() {
  ci_log "build result $1 (FAIL_ON=$fail_on): $2"
  printf '%s\n' "$1"
  exit 0
}

case $status in
  0 | 2) ;;
  "") decide FAILURE "the load test left no exit status: it did not run to the end." ;;
  3) decide FAILURE "perfgate refused to start (status 3): a configuration mistake, no load was sent." ;;
  1) decide FAILURE "the load test broke (status 1): target down, compile error or crash, see its output." ;;
  *) decide FAILURE "the load test ended with status $status: broken." ;;
esac
if [[ -z ${summary:-} || ! -f $summary ]]; then
  decide FAILURE "the run left no summary.json${summary:+ ($summary)}: nothing was judged."
fi
if ! facts=$(ci_summary_facts "$summary"); then
  decide FAILURE "$summary cannot be read: nothing was judged."
fi
fact() {
  sed -n "s/^$1=//p" <<<"$facts" | head -n 1
}

if [[ $(fact truncated) == true ]]; then
  decide FAILURE "the run's log was cut short (truncated): the run was killed."
fi
if [[ $(fact requests) == 0 || $(fact ok) == 0 ]]; then
  decide FAILURE "not one request succeeded ($(fact requests) sent): is the target up?"
fi
failed=$(fact failed)
regression=$(fact failedRegression)
sla=$(fact failedSla)
sed -n 's/^breach=/  breached: /p' <<<"$facts" >&2
if ((failed == 0)); then
  if [[ $status == 2 ]]; then
    decide FAILURE "the load test ended with status 2 but no gate was breached (verdict $(fact verdict)): the run could not be judged."
  fi
  decide SUCCESS "every gate held (verdict $(fact verdict))."
fi
counts="$sla SLA gate(s) and $regression regression gate(s) breached"
case $fail_on in
  sla) decide FAILURE "$counts." ;;
  regression)
    if ((regression > 0)); then
      decide FAILURE "$counts."
    fi
    decide UNSTABLE "$counts; FAIL_ON=regression fails on regression gates only."
    ;;
  never) decide UNSTABLE "$counts; FAIL_ON=never never fails on gates." ;;
esac
