package io.perfgate.injector;

import com.sun.management.GcInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;

/**
 * This JVM's own costs, read from its MXBeans: CPU time, time spent collecting garbage and the heap
 * still in use after the latest collection. The resource monitor and the live view both judge the
 * load generator by them; each turns the readings into its own figures.
 */
public final class JvmMeter {
  private final com.sun.management.OperatingSystemMXBean os;
  private final List<GarbageCollectorMXBean> collectors;
  private final List<String> heapPools;
  private final int cores;
  private final long maxHeapBytes;

  public JvmMeter() {
    this.os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    this.collectors = ManagementFactory.getGarbageCollectorMXBeans();
    this.heapPools =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .map(MemoryPoolMXBean::getName)
            .toList();
    this.cores = Runtime.getRuntime().availableProcessors();
    this.maxHeapBytes = Runtime.getRuntime().maxMemory();
  }

  /** The cores this JVM may use. */
  public int cores() {
    return cores;
  }

  /** The maximum heap, or Long.MAX_VALUE when the JVM has none. */
  public long maxHeapBytes() {
    return maxHeapBytes;
  }

  /** CPU time of the whole process so far, in nanoseconds; negative when the platform has none. */
  public long cpuNanos() {
    return os.getProcessCpuTime();
  }

  /** Time spent collecting garbage so far, all collectors, in milliseconds. */
  public long gcMillis() {
    long total = 0;
    for (GarbageCollectorMXBean c : collectors) {
      total += Math.max(0, c.getCollectionTime());
    }
    return total;
  }

  /**
   * The heap in use right after the latest collection of any collector, in bytes: what the JVM
   * really keeps. -1 before the first collection.
   */
  public long heapAfterLastGcBytes() {
    GcInfo latest = null;
    for (GarbageCollectorMXBean c : collectors) {
      if (c instanceof com.sun.management.GarbageCollectorMXBean g) {
        GcInfo info = g.getLastGcInfo();
        if (info != null && (latest == null || info.getEndTime() > latest.getEndTime())) {
          latest = info;
        }
      }
    }
    if (latest == null) {
      return -1;
    }
    long afterGc = 0;
    for (String pool : heapPools) {
      MemoryUsage u = latest.getMemoryUsageAfterGc().get(pool);
      afterGc += u == null ? 0 : u.getUsed();
    }
    return afterGc;
  }
}
