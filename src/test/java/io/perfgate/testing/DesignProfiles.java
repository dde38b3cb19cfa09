package io.perfgate.testing;

import java.util.List;

/** The load profiles of DESIGN.md's table, in its order: what perfgate must offer. */
public final class DesignProfiles {
  public static final List<String> NAMES =
      List.of(
          "smoke",
          "baseline",
          "load",
          "stress",
          "spike",
          "endurance",
          "soak",
          "burst",
          "heavy",
          "breakpoint",
          "benchmark");

  private DesignProfiles() {}
}
