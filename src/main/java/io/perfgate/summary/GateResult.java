package io.perfgate.summary;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.perfgate.gate.Gate;
import io.perfgate.gate.Tier;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One gate judged on the measured window.
 *
 * @param name e.g. "global p95 < 1000ms"
 * @param kind where the gate comes from: the settings' SLA, the tier table, a baseline, resources
 * @param scope "global", "request health", "group triage"
 * @param criterion e.g. "p95 < 1000ms"
 * @param thresholdValue the threshold in the metric's unit (ms, percent, requests per second); NaN
 *     when there is none (a regression gate without a baseline value)
 * @param actual the measured value in the same unit; empty when nothing was measured for the scope
 * @param tier where the actual value falls in the SLA tier table, when the metric has tiers
 * @param unit "ms", "%" or "/s"
 * @param passed whether the gate counts as held for the verdict and the exit status: false when it
 *     was breached, when nothing was measured, or when it had too little data and {@code
 *     sla.enoughData.fail} is set
 * @param outcome what the judging found: passed, failed, not enough data, not measured
 * @param note why, in one sentence, when the threshold and the actual value do not say it all: "not
 *     enough data: 25 requests, p99 needs 1,000", "p95 +12 % [+8 %, +16 %] against the last 5 runs:
 *     ..."; "" when there is nothing to add
 * @param origin where the gate was written (file:line), or the baseline it came from
 */
@JsonPropertyOrder({
  "name",
  "kind",
  "scope",
  "criterion",
  "threshold",
  "thresholdValue",
  "actual",
  "unit",
  "passed",
  "outcome",
  "note",
  "tier",
  "origin"
})
public record GateResult(
    String name,
    Gate.Kind kind,
    String scope,
    String criterion,
    double thresholdValue,
    OptionalDouble actual,
    String unit,
    boolean passed,
    Outcome outcome,
    String note,
    Optional<Tier> tier,
    String origin) {

  /** What judging a gate found. */
  public enum Outcome {
    /** Judged, and it held. */
    PASSED,
    /** Judged, and it was breached. */
    FAILED,
    /**
     * Not judged: the window holds too few values for the percentile, or the baseline too little
     * data; neither pass nor fail (unless sla.enoughData.fail says fail).
     */
    NOT_ENOUGH_DATA,
    /** Nothing of the gate's scope in the measured window: it fails rather than pass on zeros. */
    NOT_MEASURED;

    /** Whether the gate was judged at all (passed or failed). */
    public boolean judged() {
      return this == PASSED || this == FAILED;
    }
  }

  @JsonCreator
  public GateResult {
    note = note == null ? "" : note;
    tier = tier == null ? Optional.empty() : tier;
    // A summary written before outcomes existed says it with `passed` and `actual` only.
    if (outcome == null) {
      outcome = derived(passed, actual);
    }
  }

  /** A gate judged the usual way: the outcome follows from {@code passed} and {@code actual}. */
  public GateResult(
      String name,
      Gate.Kind kind,
      String scope,
      String criterion,
      double thresholdValue,
      OptionalDouble actual,
      String unit,
      boolean passed,
      Optional<Tier> tier,
      String origin) {
    this(
        name,
        kind,
        scope,
        criterion,
        thresholdValue,
        actual,
        unit,
        passed,
        derived(passed, actual),
        "",
        tier,
        origin);
  }

  private static Outcome derived(boolean passed, OptionalDouble actual) {
    if (actual == null || actual.isEmpty()) {
      return Outcome.NOT_MEASURED;
    }
    return passed ? Outcome.PASSED : Outcome.FAILED;
  }

  /** The same result under another name and scope (a resource gate of one injector of several). */
  public GateResult renamed(String newName, String newScope) {
    return new GateResult(
        newName,
        kind,
        newScope,
        criterion,
        thresholdValue,
        actual,
        unit,
        passed,
        outcome,
        note,
        tier,
        origin);
  }

  /** Whether the gate was left unjudged for lack of data. */
  public boolean unjudged() {
    return outcome == Outcome.NOT_ENOUGH_DATA;
  }

  /**
   * The threshold as the gate was written: "1000ms", "0.1%", "100/s"; "none" when there is none.
   */
  @JsonProperty("threshold")
  public String threshold() {
    return Double.isFinite(thresholdValue) ? withUnit(thresholdValue, unit) : "none";
  }

  /**
   * A value with its unit, at most two decimals (three for a percentage, so that an actual just
   * under a 0.1% threshold never prints as the threshold itself), trailing zeros dropped.
   */
  public static String withUnit(double value, String unit) {
    if (!Double.isFinite(value)) {
      return value + unit;
    }
    String text =
        BigDecimal.valueOf(value)
            .setScale("%".equals(unit) ? 3 : 2, RoundingMode.HALF_UP)
            .stripTrailingZeros()
            .toPlainString();
    return (text.equals("-0") ? "0" : text) + unit;
  }
}
