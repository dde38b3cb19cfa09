package io.perfgate.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.perfgate.analysis.RegressionBaseline;
import io.perfgate.analysis.RunAnalysis;
import io.perfgate.baseline.Baseline;
import io.perfgate.baseline.BaselineStore;
import io.perfgate.files.AtomicFiles;
import io.perfgate.history.History;
import io.perfgate.history.RunRecord;
import io.perfgate.results.Distribution;
import io.perfgate.results.HistogramFile;
import io.perfgate.results.Histograms;
import io.perfgate.results.Window;
import io.perfgate.summary.Figures;
import io.perfgate.summary.Summary;
import io.perfgate.summary.SummaryCodec;
import io.perfgate.summary.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a run's regression baseline comes from: a saved run, or the last passing runs. */
class RegressionSourcesTest {
  static final long START = 1_795_446_286_734L;
  static final long HOUR = 3_600_000L;

  @TempDir Path results;

  private static Figures figures(long p95) {
    return new Figures(300, 300, 0, 1, p95 * 2, p95 / 2.0, 1, p95 / 2, p95, p95, p95, p95, 10);
  }

  static Summary summary(String id, long start, String profile, Verdict verdict, boolean cut) {
    Summary.Run run =
        new Summary.Run(
            id,
            "Sim",
            profile,
            "",
            "http://127.0.0.1:1",
            start,
            start + 30_000,
            "3.15.1",
            List.of(),
            cut,
            false,
            Optional.empty(),
            5_000,
            "../index.html",
            HistogramFile.FILE_NAME,
            List.of(),
            Map.of());
    return new Summary(
        run,
        figures(50),
        figures(50),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        OptionalDouble.empty(),
        Optional.empty(),
        verdict,
        Optional.empty(),
        List.of());
  }

  /** Thirty seconds of ten requests each, measured from 5 s. */
  static Histograms histograms() {
    List<Histograms.Entry> entries = new ArrayList<>();
    for (long s = 0; s < 30; s++) {
      Distribution d = new Distribution();
      for (int i = 0; i < 10; i++) {
        d.record(40 + i);
      }
      entries.add(
          new Histograms.Entry(
              Histograms.Kind.SECOND, "", Optional.empty(), Optional.of(s), 0, d.compact()));
    }
    return new Histograms(
        START, List.of(new Window(RunAnalysis.MEASURED, 5_000, Long.MAX_VALUE, true)), entries);
  }

  /** A run folder with its summary and distributions, recorded in the history. */
  private Path run(String id, long start, String profile, Verdict verdict, boolean cut)
      throws Exception {
    Path dir = results.resolve(id);
    Summary s = summary(id, start, profile, verdict, cut);
    AtomicFiles.write(
        dir.resolve("perfgate").resolve(HistogramFile.FILE_NAME),
        out -> HistogramFile.write(histograms(), out));
    AtomicFiles.write(
        dir.resolve("perfgate").resolve(SummaryCodec.FILE_NAME), out -> SummaryCodec.write(s, out));
    History.append(results.resolve(History.FILE_NAME), RunRecord.of(s, id, Optional.empty()));
    return dir;
  }

  @Test
  void theLastPassingRunsOfTheSameProfileBeforeTheRun() throws Exception {
    run("r1", START, "smoke", Verdict.PASS, false);
    run("r2", START + HOUR, "smoke", Verdict.WARN, false);
    run("r3", START + 2 * HOUR, "smoke", Verdict.FAIL, false); // failed: not a baseline
    run("r4", START + 3 * HOUR, "smoke", Verdict.PASS, true); // cut short
    run("r5", START + 4 * HOUR, "load", Verdict.PASS, false); // another profile
    Path r6 = run("r6", START + 5 * HOUR, "smoke", Verdict.PASS, false);
    Files.writeString(r6.resolve("perfgate").resolve(HistogramFile.FILE_NAME), "{ damaged");
    Path r7 = run("r7", START + 6 * HOUR, "smoke", Verdict.PASS, false);
    Files.delete(r7.resolve("perfgate").resolve(HistogramFile.FILE_NAME));
    run("r8", START + 7 * HOUR, "smoke", Verdict.PASS, false);
    run("r9", START + 9 * HOUR, "smoke", Verdict.PASS, false); // after the run judged

    RegressionBaseline b =
        RegressionSources.rolling(results, "Sim", "smoke", "", 1, "now", START + 8 * HOUR, 3);

    assertEquals(Summary.BaselineKind.ROLLING, b.kind());
    assertEquals(
        List.of("r1", "r2", "r8"), b.runs().stream().map(RegressionBaseline.Run::id).toList());
    assertEquals("the last 3 runs", b.description());
    assertTrue(b.hasSeconds());
    assertEquals(25, b.runs().get(0).seconds().orElseThrow().size(), "5 s to 30 s");
    assertEquals(2, b.notes().size(), b.notes().toString());
    assertTrue(
        b.notes().get(0).startsWith("Run r7 was left out: its distributions"), b.notes().get(0));
    assertTrue(b.notes().get(1).startsWith("Run r6 was left out:"), b.notes().get(1));
    assertTrue(b.notes().get(1).contains("is not valid JSON"), b.notes().get(1));
  }

  @Test
  void aMergedRunOfSeveralInjectorsIsNotABaselineForARunOfOne() throws Exception {
    run("single", START, "smoke", Verdict.PASS, false);
    Summary one = summary("merged", START + HOUR, "smoke", Verdict.PASS, false);
    Summary.Run r = one.run();
    Summary merged =
        one.withRun(
            new Summary.Run(
                r.id(),
                r.simulation(),
                r.scenario(),
                r.environment(),
                r.target(),
                r.startEpochMillis(),
                r.endEpochMillis(),
                r.gatlingVersion(),
                List.of("injector 1 (a)", "injector 2 (b)"),
                false,
                false,
                Optional.empty(),
                r.warmUpMillis(),
                "",
                r.histograms(),
                List.of(),
                Map.of()));
    AtomicFiles.write(
        results.resolve("merged/perfgate").resolve(HistogramFile.FILE_NAME),
        out -> HistogramFile.write(histograms(), out));
    History.append(
        results.resolve(History.FILE_NAME), RunRecord.of(merged, "merged", Optional.empty()));

    RegressionBaseline forOne =
        RegressionSources.rolling(results, "Sim", "smoke", "", 1, "now", START + 2 * HOUR, 5);
    RegressionBaseline forTwo =
        RegressionSources.rolling(results, "Sim", "smoke", "", 2, "now", START + 2 * HOUR, 5);

    assertEquals(
        List.of("single"), forOne.runs().stream().map(RegressionBaseline.Run::id).toList());
    assertEquals(
        List.of("merged"), forTwo.runs().stream().map(RegressionBaseline.Run::id).toList());
  }

  @Test
  void noEarlierRunIsABaselineWithoutRuns() {
    RegressionBaseline b =
        RegressionSources.rolling(results, "Sim", "smoke", "", 1, "now", START, 5);
    assertEquals(List.of(), b.runs());
    assertEquals("no earlier run", b.description());
  }

  @Test
  void aSavedBaselineKeepsACopyOfItsRunsDistributions() throws Exception {
    Path r1 = run("r1", START, "smoke", Verdict.PASS, false);
    Path r2 = run("r2", START + HOUR, "smoke", Verdict.PASS, false);
    BaselineStore store = new BaselineStore(results.resolve("baselines"));

    Path file = store.save(r1.resolve("perfgate").resolve(SummaryCodec.FILE_NAME));
    Baseline first = store.load("Sim", "smoke", "").orElseThrow();
    Path firstCopy = first.histograms().orElseThrow();
    store.save(r2.resolve("perfgate").resolve(SummaryCodec.FILE_NAME));
    Baseline second = store.load("Sim", "smoke", "").orElseThrow();

    assertEquals(file.resolveSibling("smoke-default.r1.histograms.json"), firstCopy);
    assertEquals(
        file.resolveSibling("smoke-default.r2.histograms.json"), second.histograms().orElseThrow());
    assertFalse(Files.exists(firstCopy), "the replaced baseline's copy is deleted");
    RegressionBaseline pinned = RegressionSources.pinned(second);
    assertEquals("baseline r2", pinned.description());
    assertTrue(pinned.hasSeconds());
    assertEquals(List.of(), pinned.notes());
  }

  @Test
  void aPinnedBaselineIsCheckedAgainstTheRecentPassingRuns() throws Exception {
    Path r1 = run("r1", START, "smoke", Verdict.PASS, false);
    run("r2", START + HOUR, "smoke", Verdict.PASS, false);
    run("r3", START + 2 * HOUR, "smoke", Verdict.PASS, false);
    BaselineStore store = new BaselineStore(results.resolve("baselines"));
    store.save(r1.resolve("perfgate").resolve(SummaryCodec.FILE_NAME));
    RunGates gates =
        new RunGates(
            List.of(), store.load("Sim", "smoke", ""), io.perfgate.gate.RegressionLimits.DEFAULT);

    RegressionBaseline b =
        RegressionSources.of(gates, "Sim", "smoke", "", 1, results)
            .find("now", START + 3 * HOUR)
            .orElseThrow();

    assertEquals(Summary.BaselineKind.PINNED, b.kind());
    assertEquals(List.of("r1"), b.runs().stream().map(RegressionBaseline.Run::id).toList());
    assertEquals(
        List.of("r1", "r2", "r3"), b.recent().stream().map(RegressionBaseline.Run::id).toList());
    assertTrue(b.checksRecent());
    assertEquals(
        "A regression against the baseline must also lie beyond the spread of the last 3 runs:"
            + " r1, r2, r3.",
        b.notes().get(0));
    // With one earlier run only, the pinned run stands alone.
    RegressionBaseline early =
        RegressionSources.of(gates, "Sim", "smoke", "", 1, results)
            .find("now", START + HOUR / 2)
            .orElseThrow();
    assertEquals(List.of(), early.recent());
  }

  @Test
  void aBaselineSavedBeforeDistributionsWereKeptIsJudgedOnItsFigures() throws Exception {
    Path r1 = run("r1", START, "smoke", Verdict.PASS, false);
    // As perfgate saved baselines before: a byte copy of summary.json, nothing beside it.
    Path file = new BaselineStore(results.resolve("baselines")).file("Sim", "smoke", "");
    Files.createDirectories(file.getParent());
    Files.copy(r1.resolve("perfgate").resolve(SummaryCodec.FILE_NAME), file);

    Baseline old = new BaselineStore(results.resolve("baselines")).load("Sim", "smoke", "").get();
    RegressionBaseline pinned = RegressionSources.pinned(old);

    assertFalse(pinned.hasSeconds());
    assertEquals(50, pinned.runs().get(0).measured().p95());
    assertTrue(pinned.notes().get(0).contains("judged on its figures against fixed limits"));
  }
}
