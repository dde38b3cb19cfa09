#!/usr/bin/env bash
# Runs perfgate's own tests before any load is sent: `mvn verify` (unit tests, integration tests
# that run real Gatling JVMs against the demo service, and the format check), as the README's
# second command. Surefire's reports are left in target/surefire-reports/ for Jenkins' junit step.
#
#   src/ci/unit-tests.sh
#   UNIT_TEST_GOALS="test -Dtest=io.perfgate.config.**" src/ci/unit-tests.sh
#
# Environment: UNIT_TEST_GOALS (default "verify"; split on whitespace), MVN (see lib.sh).
#   PERFGATE_EXTRA_ARGS is not used here: it is meant for load tests.
# Exit status: 0 every test passed; 1 a test failed or the build broke.
set -euo pipefail
# shellcheck source=src/ci/lib.sh
source "$(dirname "$0")/lib.sh"

read -r -a goals <<<"${UNIT_TEST_GOALS:-verify}"
ci_log "${CI_MVN[*]} -B -ntp ${goals[*]}"
if ! "${CI_MVN[@]}" -B -ntp "${goals[@]}"; then
  ci_die 1 "perfgate's own tests failed: no load test tonight. See the test report above."
fi
ci_log "perfgate's own tests passed."
