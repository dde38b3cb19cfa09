package io.perfgate.analysis;

import io.perfgate.gate.Tier;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One gate judged on the measured window.
 *
 * @param name e.g. "global p95 < 1000ms"
 * @param scope "global", "request health", "group triage"
 * @param criterion e.g. "p95 < 1000ms"
 * @param threshold the threshold in the metric's unit (ms, percent, requests per second)
 * @param actual the measured value in the same unit; empty when nothing was measured for the scope
 * @param tier where the actual value falls in the SLA tier table, when the metric has tiers
 * @param unit "ms", "%" or "/s"
 * @param origin where the gate was written (file:line)
 */
public record GateResult(
    String name,
    String scope,
    String criterion,
    double threshold,
    OptionalDouble actual,
    String unit,
    boolean passed,
    Optional<Tier> tier,
    String origin) {}
