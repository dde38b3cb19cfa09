package io.perfgate.monitor;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Runs the run's samplers on one daemon thread at the configured interval, from {@link #start}
 * until {@link #stop}, and hands over what they recorded. A sampler that fails is noted once and
 * keeps being tried: a scrape that times out under load is itself worth knowing, but must not stop
 * the run.
 */
public final class Monitor {
  private final List<Sampler> samplers;
  private final ScheduledExecutorService scheduler;
  private final Recorder recorder = new Recorder();
  private final List<String> notes;
  private final List<String> failing = new ArrayList<>();
  private final long intervalMillis;
  private final Optional<String> targetProcess;
  private final boolean embeddedDemo;

  private Monitor(
      List<Sampler> samplers,
      long intervalMillis,
      Optional<String> targetProcess,
      boolean embeddedDemo,
      List<String> notes) {
    this.notes = notes;
    this.samplers = List.copyOf(samplers);
    this.intervalMillis = intervalMillis;
    this.targetProcess = targetProcess;
    this.embeddedDemo = embeddedDemo;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread t = new Thread(task, "perfgate-monitor");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Resolves what to sample and starts sampling; empty when the settings sample nothing.
   *
   * @param demoRunning whether the embedded demo service runs in this JVM as the target
   * @throws MonitorException when the configured process cannot be found, before any load is sent
   */
  public static Optional<Monitor> start(MonitorSettings settings, boolean demoRunning) {
    if (!settings.enabled()) {
      return Optional.empty();
    }
    List<Sampler> samplers = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Optional<String> process = Optional.empty();
    boolean embedded = false;
    if (settings.pid().isPresent()) {
      long pid = settings.pid().getAsLong();
      if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
        samplers.add(new ProcessSampler(pid));
      } else {
        throw new MonitorException(
            "target.monitor.process.pid",
            "there is no running process " + pid,
            "the id of a live process on this machine, or null");
      }
    } else if (settings.name().isPresent()) {
      try {
        samplers.add(
            new ProcessSampler(ProcessSampler.byName(Pattern.compile(settings.name().get()))));
      } catch (PatternSyntaxException e) {
        throw new MonitorException(
            "target.monitor.process.name",
            "'"
                + settings.name().get()
                + "' is not a regular expression ("
                + e.getDescription()
                + ")",
            "a Java regular expression matched against command lines, e.g. \"DemoService\"");
      } catch (IllegalArgumentException e) {
        throw new MonitorException(
            "target.monitor.process.name",
            "'" + settings.name().get() + "': " + e.getMessage(),
            "a Java regular expression that matches the command line of exactly one process");
      }
    } else if (settings.demo() && demoRunning) {
      samplers.add(new ProcessSampler(ProcessHandle.current().pid()));
      embedded = true;
    }
    if (!samplers.isEmpty()) {
      process = Optional.of(samplers.get(0).describe());
    }
    if (settings.prometheus().isPresent()) {
      samplers.add(
          new PrometheusSampler(
              settings.prometheus().get(),
              settings.metrics(),
              // One thread samples everything: a hung endpoint may cost one interval, not more.
              settings.interval().compareTo(java.time.Duration.ofSeconds(1)) < 0
                  ? java.time.Duration.ofSeconds(1)
                  : settings.interval(),
              notes));
    }
    if (settings.injector()) {
      samplers.add(new InjectorSampler());
    }
    if (samplers.isEmpty()) {
      return Optional.empty();
    }
    Monitor m = new Monitor(samplers, settings.interval().toMillis(), process, embedded, notes);
    m.scheduler.scheduleAtFixedRate(m::tick, 0, m.intervalMillis, TimeUnit.MILLISECONDS);
    return Optional.of(m);
  }

  /** The latest sample of every series so far (one point each), for the live figures. */
  public List<Series> latest() {
    return recorder.latest();
  }

  /** What is sampled, for the run's plan. */
  public List<String> describe() {
    return samplers.stream().map(Sampler::describe).toList();
  }

  private void tick() {
    long now = System.currentTimeMillis();
    for (Sampler s : samplers) {
      try {
        s.sample(now, recorder);
      } catch (Exception e) {
        synchronized (notes) {
          if (!failing.contains(s.describe())) {
            failing.add(s.describe());
            notes.add(
                "Sampling "
                    + s.describe()
                    + " failed at "
                    + java.time.Instant.ofEpochMilli(now)
                    + " ("
                    + e.getMessage()
                    + "); later failures are not repeated.");
          }
        }
      } catch (Error e) {
        // A sampler bug must not kill the sampling of the others, nor the run.
        synchronized (notes) {
          notes.add("Sampling " + s.describe() + " broke: " + e);
        }
      }
    }
  }

  /**
   * Stops sampling (waiting for a sample under way), takes a last sample, and returns everything
   * recorded.
   */
  public ResourceSamples stop() {
    scheduler.shutdown();
    try {
      if (!scheduler.awaitTermination(intervalMillis + 5000, TimeUnit.MILLISECONDS)) {
        scheduler.shutdownNow();
      }
    } catch (InterruptedException e) {
      scheduler.shutdownNow();
      Thread.currentThread().interrupt();
    }
    // One last sample at the run's end: the scheduler's last tick may be up to an interval old.
    tick();
    synchronized (notes) {
      return new ResourceSamples(
          intervalMillis, targetProcess, embeddedDemo, recorder.series(), notes);
    }
  }
}
