package io.perfgate.gate;

import java.util.Arrays;
import java.util.Optional;

/** How a measured value must compare with a gate's threshold. */
public enum Comparison {
  LT("<"),
  LTE("<="),
  GT(">"),
  GTE(">=");

  private final String symbol;

  Comparison(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }

  public boolean holds(double actual, double threshold) {
    return switch (this) {
      case LT -> actual < threshold;
      case LTE -> actual <= threshold;
      case GT -> actual > threshold;
      case GTE -> actual >= threshold;
    };
  }

  public boolean isUpperBound() {
    return this == LT || this == LTE;
  }

  static Optional<Comparison> bySymbol(String s) {
    return Arrays.stream(values()).filter(c -> c.symbol.equals(s)).findFirst();
  }
}
