package io.perfgate.simulation;

import io.perfgate.target.Redactor;

/**
 * Ends the Gatling JVM before any load is sent, with one clear paragraph and no stack trace.
 * Throwing from a simulation's constructor would print Gatling's stack trace instead.
 */
final class Fatal {
  /**
   * Exit status when perfgate refuses to start a run (Gatling uses 1 for a crash, 2 for failed
   * assertions).
   */
  static final int REFUSED = 3;

  private Fatal() {}

  static RuntimeException refuse(String message) {
    System.out.flush();
    System.err.println();
    System.err.println("perfgate: " + Redactor.maskUserInfo(message) + " No load was sent.");
    System.err.flush();
    System.exit(REFUSED);
    return new IllegalStateException("unreachable");
  }

  static void done(String output) {
    System.out.print(output);
    System.out.flush();
    System.exit(0);
  }
}
