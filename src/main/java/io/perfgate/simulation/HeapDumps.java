package io.perfgate.simulation;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns the JVM's heap dump on out of memory on, into one folder, once the run's folder is known
 * (run.heapDump). Both are "manageable" HotSpot options, settable while the JVM runs, so the dump
 * lands in the run's own folder rather than where the JVM started (pom.xml turns dumps off).
 */
final class HeapDumps {
  private HeapDumps() {}

  /** Dumps into {@code folder} (as java_pid&lt;pid&gt;.hprof) when the heap runs out. */
  static void into(Path folder) throws IOException {
    Files.createDirectories(folder);
    HotSpotDiagnosticMXBean hotspot =
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    try {
      hotspot.setVMOption("HeapDumpPath", folder.toAbsolutePath().toString());
      hotspot.setVMOption("HeapDumpOnOutOfMemoryError", "true");
    } catch (IllegalArgumentException e) {
      throw new IOException(
          "this JVM does not take heap dump options at run time: " + e.getMessage(), e);
    }
  }
}
