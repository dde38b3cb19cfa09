package io.perfgate.live;

import com.sun.management.GcInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.function.Supplier;

/**
 * This JVM's health from its MXBeans, for {@link LiveRecorder#injectorHealth}: CPU since the
 * previous call as a share of the cores, the heap in use after the latest collection, and the total
 * time spent collecting. Each call costs a few MXBean reads; the recorder calls it once a second.
 */
public final class JvmHealth implements Supplier<InjectorHealth> {
  private final com.sun.management.OperatingSystemMXBean os;
  private final List<GarbageCollectorMXBean> collectors;
  private final List<String> heapPools;
  private final int cores;
  private long lastCpu = -1;
  private long lastWall;
  private double lastRatio = Double.NaN;

  public JvmHealth() {
    this.os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    this.collectors = ManagementFactory.getGarbageCollectorMXBeans();
    this.heapPools =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .map(MemoryPoolMXBean::getName)
            .toList();
    this.cores = Runtime.getRuntime().availableProcessors();
  }

  @Override
  public synchronized InjectorHealth get() {
    long wall = System.nanoTime();
    long cpu = os.getProcessCpuTime();
    // Two calls within a few ms would give a ratio of noise: keep the previous one.
    if (lastCpu >= 0 && cpu >= 0 && wall - lastWall >= 100_000_000L) {
      lastRatio = Math.min(1, Math.max(0, (double) (cpu - lastCpu) / ((wall - lastWall) * cores)));
      lastCpu = cpu;
      lastWall = wall;
    } else if (lastCpu < 0) {
      lastCpu = cpu;
      lastWall = wall;
    }
    long gcMillis = 0;
    GcInfo latest = null;
    for (GarbageCollectorMXBean c : collectors) {
      gcMillis += Math.max(0, c.getCollectionTime());
      if (c instanceof com.sun.management.GarbageCollectorMXBean g) {
        GcInfo info = g.getLastGcInfo();
        if (info != null && (latest == null || info.getEndTime() > latest.getEndTime())) {
          latest = info;
        }
      }
    }
    long afterGc = -1;
    if (latest != null) {
      afterGc = 0;
      for (String pool : heapPools) {
        MemoryUsage u = latest.getMemoryUsageAfterGc().get(pool);
        afterGc += u == null ? 0 : u.getUsed();
      }
    }
    return new InjectorHealth(lastRatio, afterGc, gcMillis / 1000.0);
  }
}
