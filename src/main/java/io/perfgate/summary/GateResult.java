package io.perfgate.summary;

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
 * @param thresholdValue the threshold in the metric's unit (ms, percent, requests per second)
 * @param actual the measured value in the same unit; empty when nothing was measured for the scope
 * @param tier where the actual value falls in the SLA tier table, when the metric has tiers
 * @param unit "ms", "%" or "/s"
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
    Optional<Tier> tier,
    String origin) {

  /** The threshold as the gate was written: "1000ms", "0.1%", "100/s". */
  @JsonProperty("threshold")
  public String threshold() {
    return withUnit(thresholdValue, unit);
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
