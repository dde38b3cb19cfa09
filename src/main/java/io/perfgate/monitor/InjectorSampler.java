package io.perfgate.monitor;

import com.sun.management.GcInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;

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

  private final com.sun.management.OperatingSystemMXBean os;
  private final List<GarbageCollectorMXBean> collectors;
  private final List<String> heapPools;
  private final int cores;
  private final long maxHeap;
  private long lastCpu = -1;
  private long lastGcMillis;
  private long lastWall;

  InjectorSampler() {
    this.os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    this.collectors = ManagementFactory.getGarbageCollectorMXBeans();
    this.heapPools =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .map(MemoryPoolMXBean::getName)
            .toList();
    this.cores = Runtime.getRuntime().availableProcessors();
    this.maxHeap = Runtime.getRuntime().maxMemory();
  }

  @Override
  public String describe() {
    return "the injector's JVM (" + cores + " cores, " + (maxHeap >> 20) + " MB max heap)";
  }

  @Override
  public void sample(long epochMillis, Recorder r) {
    long wall = System.nanoTime();
    long cpu = os.getProcessCpuTime();
    long gc = collectors.stream().mapToLong(c -> Math.max(0, c.getCollectionTime())).sum();
    if (lastCpu >= 0 && wall > lastWall) {
      double elapsed = wall - lastWall;
      r.add(Series.INJECTOR, CPU, "%", epochMillis, 100.0 * (cpu - lastCpu) / (elapsed * cores));
      r.add(Series.INJECTOR, GC, "%", epochMillis, 100.0 * (gc - lastGcMillis) * 1e6 / elapsed);
    }
    lastCpu = cpu;
    lastGcMillis = gc;
    lastWall = wall;
    // The heap after the latest collection of any collector: what the injector really keeps.
    GcInfo latest = null;
    for (GarbageCollectorMXBean c : collectors) {
      if (c instanceof com.sun.management.GarbageCollectorMXBean g) {
        GcInfo info = g.getLastGcInfo();
        if (info != null && (latest == null || info.getEndTime() > latest.getEndTime())) {
          latest = info;
        }
      }
    }
    if (latest != null && maxHeap > 0 && maxHeap != Long.MAX_VALUE) {
      long afterGc = 0;
      for (String pool : heapPools) {
        MemoryUsage u = latest.getMemoryUsageAfterGc().get(pool);
        afterGc += u == null ? 0 : u.getUsed();
      }
      r.add(Series.INJECTOR, HEAP_AFTER_GC, "%", epochMillis, 100.0 * afterGc / maxHeap);
    }
  }
}
