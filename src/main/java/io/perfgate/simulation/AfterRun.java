package io.perfgate.simulation;

import io.perfgate.config.Settings;
import io.perfgate.files.AtomicFiles;
import io.perfgate.monitor.ResourceSamples;
import io.perfgate.monitor.SamplesFile;
import io.perfgate.pipeline.RunGates;
import io.perfgate.pipeline.RunPipeline;
import io.perfgate.summary.Summary;
import io.perfgate.units.Durations;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What happens once Gatling has closed a run's log: keep the resource samples, judge the run
 * through the one pipeline, settle the exit status.
 */
final class AfterRun {
  private AfterRun() {}

  static void finish(
      Settings settings,
      String simulation,
      String target,
      RunGates gates,
      Path runDir,
      Optional<ResourceSamples> samples) {
    RunPipeline.Outcome outcome;
    try {
      if (samples.isPresent()) {
        // Kept raw beside the summary, so that `analyze` and `merge` judge them again.
        AtomicFiles.write(
            runDir.resolve(RunPipeline.FOLDER).resolve(SamplesFile.FILE_NAME),
            out -> SamplesFile.write(samples.get(), out));
      }
      outcome =
          RunPipeline.run(
              new RunPipeline.Job(
                  List.of(runDir.resolve("simulation.log")),
                  runDir,
                  settings,
                  gates,
                  simulation,
                  target,
                  "../index.html"),
              System.err);
    } catch (IOException e) {
      System.err.println(
          "perfgate: could not read or write the run's results in "
              + runDir
              + " ("
              + e.getMessage()
              + "); Gatling's report and assertions stand alone for this run.");
      return;
    }
    Summary summary = outcome.summary();
    ExitStatus.settle(
        runDir,
        // Gatling's assertion table has a row for each of its assertions, which come first;
        // resource gates follow them and exist in perfgate's files only.
        summary.gates().subList(0, Math.min(gates.gates().size(), summary.gates().size())),
        summary.verdict(),
        window(summary),
        outcome.verdictBlock());
  }

  /** How the measured window reads in Gatling's assertion table. */
  static String window(Summary summary) {
    return summary.run().warmUpMillis() == 0
        ? "on the whole run"
        : "measured after the "
            + Durations.format(java.time.Duration.ofMillis(summary.run().warmUpMillis()))
            + " warm-up";
  }
}
