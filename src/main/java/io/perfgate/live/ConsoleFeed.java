package io.perfgate.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Gatling's console as the live figures' feed. perfgate has Gatling print its progress summary
 * every second ({@code gatling.data.console.writePeriod = 1}); every line of the console passes
 * through here (already masked), each summary is parsed and handed to the recorder, and only one in
 * {@code printEvery} seconds is printed, so that people see Gatling's usual rhythm. The last
 * summary of the run is always printed: at once when it says every user is done, otherwise when the
 * run ends ({@link #finish}), or as it comes when Gatling prints it after that. Gatling's line
 * "Simulation ... started..." gives the run's start.
 *
 * <p>Called by whichever thread prints, one line at a time, under the console stream's lock.
 */
public final class ConsoleFeed {
  private static final String STARTED_PREFIX = "Simulation ";
  private static final String STARTED_SUFFIX = " started...";

  private final LiveRecorder recorder;
  private final long printEvery;
  private final LongSupplier clock;

  private State state = State.TEXT;
  // The blank line Gatling prints before each block: printed only with the block it opens.
  private boolean heldBlank;
  private final List<String> block = new ArrayList<>();
  private List<String> pending = List.of();
  private boolean swallowBlank;
  private long printedPeriod = 0;
  private boolean lastPrinted;
  // Gatling waits at most 5 s for its console writer to stop: a summary it prints after the run's
  // end is the run's last, so it is printed.
  private boolean finished;

  private enum State {
    TEXT,
    OPENED,
    SUMMARY,
    OTHER_BLOCK
  }

  /**
   * @param printEvery print one summary in this many seconds of Gatling's "elapsed"
   * @param clock epoch milliseconds
   */
  public ConsoleFeed(LiveRecorder recorder, long printEvery, LongSupplier clock) {
    this.recorder = Objects.requireNonNull(recorder, "recorder");
    if (printEvery < 1) {
      throw new IllegalArgumentException("printEvery must be at least 1 s, not " + printEvery);
    }
    this.printEvery = printEvery;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public ConsoleFeed(LiveRecorder recorder, long printEvery) {
    this(recorder, printEvery, System::currentTimeMillis);
  }

  /**
   * One line of the console, without its line break; returns the lines to print now (each without a
   * line break), possibly none.
   */
  public synchronized List<String> line(String text) {
    String line = text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    List<String> out = new ArrayList<>(2);
    switch (state) {
      case TEXT -> text(line, out);
      case OPENED -> opened(line, out);
      case SUMMARY -> {
        if (ConsoleSummary.isRule(line)) {
          closeSummary(out);
        } else {
          block.add(line);
        }
      }
      case OTHER_BLOCK -> {
        out.add(line);
        if (ConsoleSummary.isRule(line)) {
          state = State.TEXT;
        }
      }
    }
    return out;
  }

  private void text(String line, List<String> out) {
    if (swallowBlank) {
      swallowBlank = false;
      if (line.isEmpty()) {
        return;
      }
    }
    if (line.isEmpty()) {
      if (heldBlank) {
        out.add("");
      }
      heldBlank = true;
      return;
    }
    if (ConsoleSummary.isRule(line)) {
      state = State.OPENED;
      return;
    }
    releaseBlank(out);
    if (line.startsWith(STARTED_PREFIX) && line.endsWith(STARTED_SUFFIX)) {
      recorder.start(clock.getAsLong());
    }
    out.add(line);
  }

  private void opened(String line, List<String> out) {
    if (ConsoleSummary.isElapsedLine(line)) {
      state = State.SUMMARY;
      block.clear();
      block.add(line);
      return;
    }
    // Another of Gatling's blocks (the statistics after its report): printed as it comes.
    releaseBlank(out);
    out.add(ConsoleSummary.RULE);
    out.add(line);
    state = ConsoleSummary.isRule(line) ? State.TEXT : State.OTHER_BLOCK;
  }

  private void closeSummary(List<String> out) {
    state = State.TEXT;
    List<String> lines = new ArrayList<>(block.size() + 3);
    if (heldBlank) {
      lines.add("");
    }
    heldBlank = false;
    lines.add(ConsoleSummary.RULE);
    lines.addAll(block);
    lines.add(ConsoleSummary.RULE);
    // The blank line println adds after the block goes with it.
    lines.add("");
    var parsed = ConsoleSummary.parse(block);
    block.clear();
    swallowBlank = true;
    if (parsed.isEmpty()) {
      out.addAll(lines);
      return;
    }
    ConsoleSummary s = parsed.get();
    try {
      recorder.summary(s, clock.getAsLong());
    } catch (RuntimeException e) {
      // The live figures must never cost the run its console.
    }
    long period = s.elapsedSeconds() / printEvery;
    if (period > printedPeriod || s.complete() || finished) {
      printedPeriod = Math.max(printedPeriod, period);
      pending = List.of();
      lastPrinted = true;
      out.addAll(lines);
    } else {
      pending = lines;
      lastPrinted = false;
    }
  }

  private void releaseBlank(List<String> out) {
    if (heldBlank) {
      out.add("");
      heldBlank = false;
    }
  }

  /**
   * The run has ended: the lines still to print, the last summary among them when it was not
   * printed yet. Any summary Gatling prints after this is printed as it comes.
   */
  public synchronized List<String> finish() {
    finished = true;
    List<String> out = new ArrayList<>();
    releaseBlank(out);
    if (!lastPrinted) {
      out.addAll(pending);
      pending = List.of();
      lastPrinted = true;
    }
    return out;
  }
}
