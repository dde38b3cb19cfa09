package io.perfgate.live;

import io.perfgate.analysis.Explanations;
import io.perfgate.target.Redactor;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CyclicBarrier;

/**
 * What the live figures cost the injector: run it with the test class path, {@code java -cp ...
 * io.perfgate.live.RecorderCost [answers per round] [rounds]}.
 *
 * <ul>
 *   <li>The probe, per answer, on the threads that call it: each round feeds a few million answers
 *       (five requests, two in a group, 2,000 a second of run time) to a fresh recorder from one
 *       thread, then from two threads at once (Gatling's HTTP threads on a 2-core machine), then
 *       from one thread while another scrapes /metrics and builds the live page's JSON every
 *       second; the same loop into a sink that does nothing gives the loop's own cost.
 *   <li>The console feed, per summary: a summary as Gatling 3.15.1 writes it (its own formatter;
 *       five requests, three error messages, a scenario), read line by line and applied to the
 *       recorder; it comes once a second, so per request it is this divided by the requests of a
 *       second.
 *   <li>One scrape and one page refresh.
 * </ul>
 *
 * It prints the medians in CPU time of the calling threads.
 */
public final class RecorderCost {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static volatile long clock;

  private static final List<List<String>> GROUPS =
      List.of(List.of(), List.of(), List.of(), List.of("checkout"), List.of("checkout"));
  private static final String[] NAMES = {"home", "search", "job", "cart", "pay"};

  /** Where an answer goes: the recorder's probes, or nowhere (the loop's own cost). */
  interface Sink {
    void answered(int request, long start, long end);
  }

  public static void main(String[] args) throws Exception {
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 5_000_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    System.out.printf(
        Locale.ROOT,
        "%d cores, load average %.2f, %s %s, %d answers x %d rounds%n",
        Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        System.getProperty("java.vm.name"),
        System.getProperty("java.version"),
        calls,
        rounds);
    double[] empty = new double[rounds];
    double[] alone = new double[rounds];
    double[] two = new double[rounds];
    double[] read = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      empty[r] = feed((k, s, e) -> {}, calls);
      alone[r] = feed(sink(recorder()), calls);
      two[r] = twoThreads(sink(recorder()), calls);
      LiveRecorder watched = recorder();
      Reader reader = new Reader(watched);
      reader.start();
      read[r] = feed(sink(watched), calls);
      reader.stop = true;
      reader.join();
      System.out.printf(
          Locale.ROOT,
          "round %d: empty sink %.1f ns, probe %.1f ns, probe from two threads %.1f ns, probe while"
              + " read %.1f ns (%d scrapes, %d page refreshes during the round)%n",
          r + 1,
          empty[r],
          alone[r],
          two[r],
          read[r],
          reader.scrapes,
          reader.pages);
    }
    System.out.printf(
        Locale.ROOT,
        "median CPU per answer: empty sink %.1f ns, probe %.1f ns, probe from two threads at once"
            + " %.1f ns, probe while scraped and viewed %.1f ns%n",
        median(empty),
        median(alone),
        median(two),
        median(read));

    System.out.printf(
        Locale.ROOT,
        "one console summary read and applied: %.1f us of CPU (once a second)%n",
        summaryCost(2_000));

    LiveRecorder full = recorder();
    feed(sink(full), 2_000 * 900);
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
    System.out.printf(
        Locale.ROOT,
        "one /metrics scrape %.0f us, one page refresh %.0f us of CPU%n",
        scrape,
        refresh);
  }

  static LiveRecorder recorder() {
    LiveRecorder r =
        new LiveRecorder(
            new RunLabels("TrackerSimulation", "load", "staging", "0"),
            "https://staging.example.com",
            LiveSettings.defaults(),
            Redactor.of(List.of("Bearer abcdefgh12345678"))::redact,
            Explanations::errorClass,
            // The run's clock just after the answers fed so far, so the page shows them.
            () -> clock);
    r.start(0);
    return r;
  }

  static Sink sink(LiveRecorder r) {
    LiveRecorder.Probe[] probes = new LiveRecorder.Probe[NAMES.length];
    for (int k = 0; k < probes.length; k++) {
      probes[k] = r.probe(NAMES[k]);
    }
    return (k, start, end) -> probes[k].answered(GROUPS.get(k), start, end);
  }

  /** CPU time of this thread per answer, in ns. */
  static double feed(Sink sink, int calls) {
    long t = THREADS.getCurrentThreadCpuTime();
    int x = 12345;
    for (int i = 0; i < calls; i++) {
      x = x * 1103515245 + 12345; // a cheap pseudo-random response time
      int ms = 1 + ((x >>> 16) & 0x3ff) % 300 + (((x >>> 8) & 0xff) == 0 ? 2_000 : 0);
      long end = i / 2; // 2,000 answers a second of run time
      if ((i & 1023) == 0) {
        clock = end + 1_000;
      }
      sink.answered(i % 5, end - ms, end);
    }
    return (double) (THREADS.getCurrentThreadCpuTime() - t) / calls;
  }

  /** CPU time per answer of two threads feeding one recorder at once, in ns. */
  static double twoThreads(Sink sink, int calls) throws Exception {
    CyclicBarrier start = new CyclicBarrier(2);
    double[] each = new double[2];
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      int id = t;
      threads.add(
          new Thread(
              () -> {
                try {
                  start.await();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
                each[id] = feed(sink, calls / 2);
              }));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }
    return (each[0] + each[1]) / 2;
  }

  /** CPU time of reading and applying one of Gatling's summaries, in microseconds. */
  static double summaryCost(int summaries) {
    LiveRecorder r = recorder();
    ConsoleFeed console = new ConsoleFeed(r, 5, () -> clock);
    GatlingConsoleText g = GatlingConsoleText.closed("tracker");
    String[] messages = {
      "status.find.in(200,304), found 503",
      "Request timeout to staging.example.com/10.1.2.3:443 after 60000 ms",
      "jsonPath($.id).find.exists, found nothing"
    };
    List<List<String>> texts = new ArrayList<>();
    for (int s = 0; s < 200; s++) {
      for (int i = 0; i < 2_000; i++) {
        String path = GROUPS.get(i % 5).isEmpty() ? NAMES[i % 5] : "checkout / " + NAMES[i % 5];
        if (i % 50 == 0) {
          g.ko(path, messages[(i / 50) % 3]);
        } else {
          g.ok(path);
        }
      }
      g.userStart("tracker");
      texts.add(g.lines(s + 1));
    }
    long cpu = 0;
    for (int i = 0; i < summaries; i++) {
      List<String> text = texts.get(i % texts.size());
      long t = THREADS.getCurrentThreadCpuTime();
      for (String line : text) {
        console.line(line);
      }
      cpu += THREADS.getCurrentThreadCpuTime() - t;
    }
    return cpu / 1e3 / summaries;
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
