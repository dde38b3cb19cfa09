package io.perfgate.live;

import io.perfgate.injector.JvmMeter;
import java.util.function.Supplier;

/**
 * This JVM's health for {@link LiveRecorder#injectorHealth}: CPU since the previous call as a share
 * of the cores, the heap in use after the latest collection, and the total time spent collecting.
 * Each call costs a few MXBean reads; the recorder calls it once a second.
 */
public final class JvmHealth implements Supplier<InjectorHealth> {
  private final JvmMeter meter = new JvmMeter();
  private long lastCpu = -1;
  private long lastWall;
  private double lastRatio = Double.NaN;

  @Override
  public synchronized InjectorHealth get() {
    long wall = System.nanoTime();
    long cpu = meter.cpuNanos();
    // Two calls within a few ms would give a ratio of noise: keep the previous one.
    if (lastCpu >= 0 && cpu >= 0 && wall - lastWall >= 100_000_000L) {
      lastRatio =
          Math.min(1, Math.max(0, (double) (cpu - lastCpu) / ((wall - lastWall) * meter.cores())));
      lastCpu = cpu;
      lastWall = wall;
    } else if (lastCpu < 0) {
      lastCpu = cpu;
      lastWall = wall;
    }
    return new InjectorHealth(lastRatio, meter.heapAfterLastGcBytes(), meter.gcMillis() / 1000.0);
  }
}
