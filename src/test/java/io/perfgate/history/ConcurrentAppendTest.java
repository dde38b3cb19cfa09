package io.perfgate.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs finishing at once must not cost the history a line. Each record here is several kilobytes,
 * more than the operating system writes in one piece unasked, so unlocked appends would interleave.
 */
class ConcurrentAppendTest {
  private static final int REQUESTS = 60;

  @TempDir Path dir;

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void threadsAppendingAtOnceLoseNoLineAndBreakNone() throws Exception {
    Path history = dir.resolve(History.FILE_NAME);
    int threads = 8;
    int each = 40;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String writer = "thread" + t;
        done.add(
            pool.submit(
                () -> {
                  List<RunRecord> mine = new ArrayList<>();
                  for (int i = 0; i < each; i++) {
                    mine.add(AppendMain.record(writer, i, REQUESTS));
                  }
                  start.await();
                  for (RunRecord r : mine) {
                    History.append(history, r);
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertEveryLineWhole(history, writers("thread", threads), each);
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void processesAppendingAtOnceLoseNoLineAndBreakNone() throws Exception {
    Path history = dir.resolve(History.FILE_NAME);
    int processes = 3;
    int each = 150;
    List<Process> started = new ArrayList<>();
    try {
      for (int p = 0; p < processes; p++) {
        started.add(
            new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    classpath(),
                    AppendMain.class.getName(),
                    history.toString(),
                    "process" + p,
                    Integer.toString(each),
                    Integer.toString(REQUESTS))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start());
      }
      // A barrier across processes: each says "ready", then all are told to go at once.
      List<BufferedReader> outputs = new ArrayList<>();
      for (Process p : started) {
        BufferedReader out =
            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("ready", out.readLine());
        outputs.add(out);
      }
      for (Process p : started) {
        OutputStream in = p.getOutputStream();
        in.write('\n');
        in.flush();
      }
      for (int i = 0; i < started.size(); i++) {
        assertEquals("done", outputs.get(i).readLine());
        assertTrue(started.get(i).waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, started.get(i).exitValue());
      }
    } finally {
      started.forEach(Process::destroyForcibly);
    }

    assertEveryLineWhole(history, writers("process", processes), each);
  }

  private static List<String> writers(String prefix, int n) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      names.add(prefix + i);
    }
    return names;
  }

  private static void assertEveryLineWhole(Path history, List<String> writers, int each)
      throws Exception {
    History.Read read = History.read(history);
    assertEquals(List.of(), read.warnings(), "every line parses");
    assertEquals(writers.size() * each, read.records().size());
    assertEquals(writers.size() * each, Files.readString(history).lines().count());
    Set<String> ids = new HashSet<>();
    for (RunRecord r : read.records()) {
      assertTrue(ids.add(r.runId()), "one line per record: " + r.runId());
      assertEquals(AppendMain.record(r.environment(), index(r.runId()), REQUESTS), r);
    }
    for (String w : writers) {
      for (int i = 0; i < each; i++) {
        assertTrue(ids.contains(w + "-" + i), "lost " + w + "-" + i);
      }
    }
  }

  private static int index(String runId) {
    return Integer.parseInt(runId.substring(runId.lastIndexOf('-') + 1));
  }

  private static String classpath() {
    String cp = System.getProperty("surefire.test.class.path");
    return cp == null || cp.isBlank() ? System.getProperty("java.class.path") : cp;
  }
}
