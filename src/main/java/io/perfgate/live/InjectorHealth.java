package io.perfgate.live;

/**
 * The load generator's own state, sampled about once a second: an injector short of CPU or heap
 * delays its requests, and the run then measures the injector instead of the target.
 *
 * @param cpuRatio the JVM's CPU use since the previous sample, as a share of all its cores (0 to
 *     1); NaN when unknown
 * @param heapAfterGcBytes the heap still in use after the latest collection; negative when unknown
 * @param gcSeconds the time spent collecting garbage since the JVM started
 */
public record InjectorHealth(double cpuRatio, long heapAfterGcBytes, double gcSeconds) {
  public static final InjectorHealth UNKNOWN = new InjectorHealth(Double.NaN, -1, Double.NaN);
}
