package io.perfgate.profile;

/** Which error-rate tier a profile is judged by: stress tolerates more than normal load. */
public enum ErrorBudget {
  NORMAL,
  HIGH,
  STRESS
}
