package io.perfgate.live;

import java.util.Locale;
import java.util.Objects;

/**
 * One resource of the target as its sampler last read it, e.g. the process's resident memory.
 *
 * @param resource the sampler's name for it, e.g. "rss" or a Prometheus sample name
 * @param unit {@link Unit#BYTES}, {@link Unit#RATIO} (a share: CPU, a percentage divided by 100) or
 *     {@link Unit#COUNT} (threads, open files, or a value as its exporter gave it)
 */
public record TargetSample(String resource, Unit unit, double value) {
  public TargetSample {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(unit, "unit");
  }

  /** Prometheus base units: one metric name per unit. */
  public enum Unit {
    BYTES,
    RATIO,
    COUNT;

    String suffix() {
      return this == COUNT ? "" : "_" + name().toLowerCase(Locale.ROOT);
    }
  }
}
