package io.perfgate.live;

import io.perfgate.results.GroupPath;
import io.perfgate.results.RecordHandler;
import io.perfgate.results.RunHeader;
import io.perfgate.target.Redactor;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What the live recorder costs the thread that feeds it, per record: run it with the test class
 * path, {@code java -cp ... io.perfgate.live.RecorderCost [calls per round] [rounds]}. Each round
 * feeds a few million request records (five requests, two in groups, 2 % failures with three
 * messages, 2,000 a second of run time) to a fresh recorder, first with nobody reading, then while
 * another thread scrapes /metrics and builds the live page's JSON every second; the same loop into
 * a handler that does nothing gives the loop's own cost. It prints the median CPU time of the
 * feeding thread per record, and what one scrape and one page refresh cost.
 */
public final class RecorderCost {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static volatile long clock;

  public static void main(String[] args) throws Exception {
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 5_000_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    System.out.printf(
        Locale.ROOT,
        "%d cores, load average %.2f, %s %s, %d calls x %d rounds%n",
        Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        System.getProperty("java.vm.name"),
        System.getProperty("java.version"),
        calls,
        rounds);
    double[] empty = new double[rounds];
    double[] alone = new double[rounds];
    double[] read = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      empty[r] = feed(new RecordHandler() {}, calls);
      alone[r] = feed(recorder(), calls);
      LiveRecorder watched = recorder();
      Reader reader = new Reader(watched);
      reader.start();
      read[r] = feed(watched, calls);
      reader.stop = true;
      reader.join();
      System.out.printf(
          Locale.ROOT,
          "round %d: empty handler %.1f ns, recorder %.1f ns, recorder while read %.1f ns"
              + " (%d scrapes, %d page refreshes during the round)%n",
          r + 1,
          empty[r],
          alone[r],
          read[r],
          reader.scrapes,
          reader.pages);
    }
    System.out.printf(
        Locale.ROOT,
        "median CPU per request record: empty handler %.1f ns, recorder %.1f ns, recorder while"
            + " scraped and viewed %.1f ns%n",
        median(empty),
        median(alone),
        median(read));
    LiveRecorder full = recorder();
    feed(full, 2_000 * 900);
    int n = 200;
    for (int i = 0; i < n; i++) { // warm-up of both readers
      scrape(full);
      LiveJson.write(full.view(clock / 1000 - SecondRing.RECENT - 1));
    }
    long t = THREADS.getCurrentThreadCpuTime();
    for (int i = 0; i < n; i++) {
      scrape(full);
    }
    double scrape = (THREADS.getCurrentThreadCpuTime() - t) / 1e3 / n;
    t = THREADS.getCurrentThreadCpuTime();
    for (int i = 0; i < n; i++) {
      LiveJson.write(full.view(clock / 1000 - SecondRing.RECENT - 1));
    }
    double refresh = (THREADS.getCurrentThreadCpuTime() - t) / 1e3 / n;
    t = THREADS.getCurrentThreadCpuTime();
    for (int i = 0; i < 5; i++) {
      LiveJson.write(full.view(0));
    }
    double first = (THREADS.getCurrentThreadCpuTime() - t) / 1e3 / 5;
    System.out.printf(
        Locale.ROOT,
        "one /metrics scrape %.0f us, one page refresh (the last 10 s) %.0f us, the page's first"
            + " load (15 minutes of 5 requests) %.0f us of CPU%n",
        scrape,
        refresh,
        first);
  }

  static LiveRecorder recorder() {
    LiveRecorder r =
        new LiveRecorder(
            new RunLabels("TrackerSimulation", "load", "staging", "0"),
            "https://staging.example.com",
            LiveSettings.defaults(),
            Redactor.of(List.of("Bearer abcdefgh12345678"))::redact,
            ErrorClasses::classify,
            // The run's clock just after the records fed so far, so the page shows them.
            () -> clock);
    r.header(new RunHeader("3.15.1", "TrackerSimulation", 0, "", List.of()));
    return r;
  }

  /** CPU time of this thread per record, in ns. */
  static double feed(RecordHandler h, int calls) {
    GroupPath root = GroupPath.ROOT;
    GroupPath checkout = GroupPath.of(List.of("checkout"));
    GroupPath[] groups = {root, root, root, checkout, checkout};
    String[] names = {"home", "search", "job", "cart", "pay"};
    String[] messages = {
      "status.find.in(200,304), found 503",
      "Request timeout to staging.example.com/10.1.2.3:443 after 60000 ms",
      "jsonPath($.id).find.exists, found nothing"
    };
    long t = THREADS.getCurrentThreadCpuTime();
    int x = 12345;
    for (int i = 0; i < calls; i++) {
      x = x * 1103515245 + 12345; // a cheap pseudo-random response time
      int ms = 1 + ((x >>> 16) & 0x3ff) % 300 + (((x >>> 8) & 0xff) == 0 ? 2_000 : 0);
      int end = i / 2; // 2,000 records a second of run time
      if ((i & 1023) == 0) {
        clock = end + 1_000;
      }
      int k = i % 5;
      boolean ok = i % 50 != 0;
      h.request(groups[k], names[k], end - ms, end, ok, ok ? "" : messages[(i / 50) % 3]);
    }
    return (double) (THREADS.getCurrentThreadCpuTime() - t) / calls;
  }

  static int scrape(LiveRecorder r) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    PrometheusTextFormatWriter.create().write(out, r.registry().scrape(), EscapingScheme.DEFAULT);
    return out.size();
  }

  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  /** Scrapes /metrics and refreshes the page once a second, as Prometheus and a browser would. */
  private static final class Reader extends Thread {
    final LiveRecorder recorder;
    volatile boolean stop;
    int scrapes;
    int pages;

    Reader(LiveRecorder recorder) {
      super("reader");
      setDaemon(true);
      this.recorder = recorder;
    }

    @Override
    public void run() {
      try {
        while (!stop) {
          scrape(recorder);
          scrapes++;
          LiveJson.write(recorder.view(clock / 1000 - SecondRing.RECENT - 1));
          pages++;
          long until = System.nanoTime() + 1_000_000_000L;
          while (!stop && System.nanoTime() < until) {
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
          }
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
