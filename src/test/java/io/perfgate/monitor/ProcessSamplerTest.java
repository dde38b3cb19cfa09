package io.perfgate.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a process from /proc. */
class ProcessSamplerTest {
  @Test
  void statusGivesResidentAndVirtualMemoryAndThreads() throws IOException {
    var s =
        ProcessSampler.Status.parse(
            "Name:\tjava\nVmPeak:\t 5000 kB\nVmSize:\t 4000 kB\nVmRSS:\t 1200 kB\nThreads:\t42\n");
    assertEquals(1200 * 1024, s.rssBytes());
    assertEquals(4000 * 1024, s.vmsBytes());
    assertEquals(42, s.threads());
    // A zombie has no memory lines any more.
    assertThrows(IOException.class, () -> ProcessSampler.Status.parse("Name:\tx\nState:\tZ\n"));
  }

  @Test
  void samplesThisJvmFromTheRealProc() throws Exception {
    ProcessSampler sampler = new ProcessSampler(ProcessHandle.current().pid());
    Recorder r = new Recorder();
    sampler.sample(System.currentTimeMillis(), r);
    sampler.sample(System.currentTimeMillis(), r);

    Map<String, Series> byMetric = new TreeMap<>();
    r.series().forEach(s -> byMetric.put(s.metric(), s));
    assertEquals(2, byMetric.get("rss").points().size());
    double rss = byMetric.get("rss").points().get(0).value();
    assertTrue(rss > Runtime.getRuntime().totalMemory() / 4, "RSS " + rss);
    assertTrue(byMetric.get("vms").points().get(0).value() > rss);
    assertTrue(byMetric.get("threads").points().get(0).value() >= Thread.activeCount());
    assertTrue(byMetric.get("fds").points().get(0).value() >= 3);
    assertEquals(1, byMetric.get("cpu").points().size(), "CPU is a rate between two samples");
  }

  @Test
  void aProcessThatEndedFailsItsSample(@TempDir Path proc) throws Exception {
    Files.createDirectories(proc.resolve("999999"));
    var sampler = new ProcessSampler(999_999, proc);
    assertThrows(IOException.class, () -> sampler.sample(0, new Recorder()));
  }

  @Test
  void aNamePatternMustMatchExactlyOneOtherProcess() {
    var none =
        assertThrows(
            IllegalArgumentException.class,
            () -> ProcessSampler.byName(Pattern.compile("no-such-process-[0-9]{12}")));
    assertTrue(none.getMessage().contains("no running process"), none.getMessage());
  }
}
