package io.perfgate.gate;

/**
 * Upper bounds of the tiers for one metric: below {@code target} is on target, below {@code
 * acceptable} acceptable, below {@code poor} poor, anything else critical.
 */
public record Bounds(double target, double acceptable, double poor) {
  public Bounds {
    if (!(target <= acceptable && acceptable <= poor) || target < 0) {
      throw new IllegalArgumentException(
          "tier bounds must be ascending: target <= acceptable <= poor");
    }
  }

  public Tier classify(double value) {
    if (value < target) {
      return Tier.TARGET;
    }
    if (value < acceptable) {
      return Tier.ACCEPTABLE;
    }
    return value < poor ? Tier.POOR : Tier.CRITICAL;
  }

  /** The value a run must stay under to be no worse than {@code tier}. */
  public double limit(Tier tier) {
    return switch (tier) {
      case TARGET -> target;
      case ACCEPTABLE -> acceptable;
      case POOR, CRITICAL -> poor;
    };
  }
}
