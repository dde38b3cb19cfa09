package io.perfgate.summary;

/**
 * The outcome of a run: every gate held (PASS), held but not on target (WARN), or one broke (FAIL).
 */
public enum Verdict {
  PASS,
  WARN,
  FAIL
}
