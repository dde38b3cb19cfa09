package io.perfgate.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The one way a test says it needs a tool the machine may lack (strace, Chromium, shellcheck, the
 * node exporter). On a developer's machine a missing tool skips the test, saying so. On CI ({@code
 * CI=true}, as .ci/run runs), where .ci/run installs every such tool, a missing one fails the test:
 * a skipped test on CI would hide that part of perfgate going unchecked.
 */
public final class RequiredTool {
  /** The environment variable CI systems set, and .ci/run is run with. */
  static final String CI = "CI";

  private RequiredTool() {}

  /**
   * Skips the calling test (or fails it on CI) unless {@code present}.
   *
   * @param tool what is missing and how to get it, e.g. "shellcheck (apt-get install shellcheck)"
   */
  public static void require(boolean present, String tool) {
    require(present, tool, System.getenv(CI));
  }

  static void require(boolean present, String tool, String ci) {
    if (present) {
      return;
    }
    if ("true".equalsIgnoreCase(ci == null ? "" : ci.trim())) {
      fail(
          tool
              + " is missing, and CI=true: .ci/run installs it, so on CI this test must run, not be"
              + " skipped. Install it, or check why .ci/run could not.");
    }
    assumeTrue(false, tool + " is missing, so this test is skipped here (CI installs it).");
  }
}
