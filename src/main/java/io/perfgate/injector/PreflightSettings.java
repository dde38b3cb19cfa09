package io.perfgate.injector;

/**
 * How a plan beyond this injector's limits is met (injector.preflight).
 *
 * @param beyond what a plan that needs more than a limit does
 * @param warnAt the share of a limit above which the plan is warned about (0.8 = 80 %)
 * @param heapPerUserBytes heap one active user holds (measured, see reference.conf)
 */
public record PreflightSettings(Beyond beyond, double warnAt, long heapPerUserBytes) {
  /** What a plan beyond a limit does. */
  public enum Beyond {
    /** Refuse the run before any load: exit status 3. */
    REFUSE,
    /** Warn, and run. */
    WARN,
    /** Check nothing. */
    OFF
  }
}
