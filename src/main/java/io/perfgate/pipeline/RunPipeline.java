package io.perfgate.pipeline;

import io.perfgate.analysis.EndNote;
import io.perfgate.analysis.RunAnalysis;
import io.perfgate.analysis.UnrecordedRun;
import io.perfgate.config.Settings;
import io.perfgate.files.AtomicFiles;
import io.perfgate.history.Trend;
import io.perfgate.profile.Plan;
import io.perfgate.publish.ConsoleVerdict;
import io.perfgate.publish.Publisher;
import io.perfgate.results.HistogramFile;
import io.perfgate.summary.Summary;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The one way a run is judged, whether it has just ended, is judged again with {@code analyze}, or
 * is the union of several injectors' logs ({@code merge}): read the logs into exact statistics,
 * analyse them (gates, findings, resources, verdict), keep the distributions, publish perfgate's
 * files, add the run to the history and rebuild the trend page.
 */
public final class RunPipeline {
  /** perfgate's folder inside a run folder. */
  public static final String FOLDER = "perfgate";

  private RunPipeline() {}

  /**
   * One run to judge.
   *
   * @param logs the run's simulation.log, or one per injector of a sharded test; each injector's
   *     resource samples, when it has any, are in {@code perfgate/resources.json} beside its log
   * @param runDir the folder perfgate's files go into ({@code runDir/perfgate/})
   * @param gates the gates the run is judged by, in the order Gatling got them as assertions
   * @param target the target's address as the summary shows it (masked on the way)
   * @param gatlingReport Gatling's report relative to perfgate's folder; "" when there is none
   */
  public record Job(
      List<Path> logs,
      Path runDir,
      Settings settings,
      RunGates gates,
      String simulation,
      String target,
      String gatlingReport) {
    public Job {
      logs = List.copyOf(logs);
      Objects.requireNonNull(runDir, "runDir");
      Objects.requireNonNull(settings, "settings");
      Objects.requireNonNull(gates, "gates");
    }
  }

  /**
   * What judging the run gave.
   *
   * @param written every file written, in order
   * @param verdictBlock the console's verdict block, to print last
   */
  public record Outcome(Summary summary, List<Path> written, String verdictBlock) {}

  /**
   * Judges the run and writes its files. The run's own files come first and each is written
   * atomically; a history or trend page that cannot be written costs one sentence on {@code err},
   * never the run's results.
   *
   * @throws IOException when a log cannot be read or perfgate's own files cannot be written
   */
  public static Outcome run(Job job, PrintStream err) throws IOException {
    RunAnalysis.Result result = RunAnalysis.analyse(job.logs(), inputs(job));
    List<Path> written = new ArrayList<>();
    Summary summary = result.summary();
    Path folder = job.runDir().resolve(FOLDER);
    try {
      written.add(
          AtomicFiles.write(
              folder.resolve(HistogramFile.FILE_NAME),
              out -> HistogramFile.write(result.stats().histograms(), out)));
      summary = summary.withRun(summary.run().withHistograms(HistogramFile.FILE_NAME));
    } catch (IOException e) {
      summary =
          summary.withRun(
              summary
                  .run()
                  .withWarnings(
                      List.of(
                          "The run's distributions could not be kept ("
                              + e.getMessage()
                              + "): comparisons of this run fall back to its summary's figures.")));
    }
    return publish(job, summary, written, err);
  }

  /**
   * Judges a run whose injector died before Gatling wrote the first block of its log, so that no
   * record can be read: every gate is not measured, the run failed, the note says why.
   *
   * @param startEpochMillis when the injection started, by the injector's clock
   */
  public static Outcome unrecorded(Job job, EndNote note, long startEpochMillis, PrintStream err)
      throws IOException {
    return publish(
        job, UnrecordedRun.summary(inputs(job), note, startEpochMillis), new ArrayList<>(), err);
  }

  /** perfgate's files of the run, its history line and the trend page; then the verdict block. */
  private static Outcome publish(Job job, Summary summary, List<Path> written, PrintStream err)
      throws IOException {
    written.addAll(Publisher.publish(summary, job.runDir().resolve(FOLDER)));
    written.addAll(Trend.afterRun(summary, job.runDir(), job.settings().baselines(), err));
    return new Outcome(summary, written, ConsoleVerdict.render(summary, written));
  }

  private static RunAnalysis.Inputs inputs(Job job) {
    Settings settings = job.settings();
    Plan plan = settings.requirePlan();
    return new RunAnalysis.Inputs(
        job.runDir().toAbsolutePath().normalize().getFileName().toString(),
        job.simulation(),
        settings.scenario(),
        settings.env().orElse(""),
        job.target(),
        plan,
        job.gates().gates(),
        settings.sla(),
        plan.profile().errorBudget(),
        settings.analysis(),
        settings.resources(),
        RegressionSources.of(
            job.gates(),
            job.simulation(),
            settings.scenario(),
            settings.env().orElse(""),
            job.logs().size(),
            job.runDir().toAbsolutePath().normalize().getParent()),
        job.gates().limits(),
        job.gatlingReport(),
        settings.target().redactor(),
        settings.target().tlsWarning().stream().toList(),
        settings.given());
  }
}
