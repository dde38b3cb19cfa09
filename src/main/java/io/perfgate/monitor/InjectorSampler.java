package io.perfgate.monitor;

import io.perfgate.injector.JvmMeter;

/**
 * Samples the load generator's own JVM through its MXBeans: CPU as a percentage of the cores the
 * JVM may use, time spent in garbage collection as a percentage of wall time, and the heap still in
 * use after the last collection as a percentage of the maximum heap. A load generator short of any
 * of them delays its requests, and the run then measures the injector, not the target.
 */
final class InjectorSampler implements Sampler {
  static final String CPU = "cpu";
  static final String GC = "gc";
  static final String HEAP_AFTER_GC = "heapAfterGc";

  private final JvmMeter meter = new JvmMeter();
  private long lastCpu = -1;
  private long lastGcMillis;
  private long lastWall;

  @Override
  public String describe() {
    return "the injector's JVM ("
        + meter.cores()
        + " cores, "
        + (meter.maxHeapBytes() >> 20)
        + " MB max heap)";
  }

  @Override
  public void sample(long epochMillis, Recorder r) {
    long wall = System.nanoTime();
    long cpu = meter.cpuNanos();
    long gc = meter.gcMillis();
    int cores = meter.cores();
    if (lastCpu >= 0 && wall > lastWall) {
      double elapsed = wall - lastWall;
      r.add(Series.INJECTOR, CPU, "%", epochMillis, 100.0 * (cpu - lastCpu) / (elapsed * cores));
      r.add(Series.INJECTOR, GC, "%", epochMillis, 100.0 * (gc - lastGcMillis) * 1e6 / elapsed);
    }
    lastCpu = cpu;
    lastGcMillis = gc;
    lastWall = wall;
    long maxHeap = meter.maxHeapBytes();
    long afterGc = meter.heapAfterLastGcBytes();
    if (afterGc >= 0 && maxHeap > 0 && maxHeap != Long.MAX_VALUE) {
      r.add(Series.INJECTOR, HEAP_AFTER_GC, "%", epochMillis, 100.0 * afterGc / maxHeap);
    }
  }
}
