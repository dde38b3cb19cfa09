package io.perfgate.simulation;

import io.perfgate.analysis.RunAnalysis;
import io.perfgate.analysis.RunReport;
import io.perfgate.baseline.RunGates;
import io.perfgate.config.Settings;
import io.perfgate.files.AtomicFiles;
import io.perfgate.history.Trend;
import io.perfgate.monitor.ResourceSamples;
import io.perfgate.monitor.SamplesFile;
import io.perfgate.publish.ConsoleVerdict;
import io.perfgate.publish.Publisher;
import io.perfgate.units.Durations;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What happens once Gatling has closed a run's log: analyse, publish, print, settle the exit
 * status.
 */
final class AfterRun {
  /** perfgate's folder inside Gatling's run folder. */
  static final String FOLDER = "perfgate";

  private AfterRun() {}

  static void finish(
      Settings settings,
      String simulation,
      String target,
      RunGates gates,
      Path runDir,
      Optional<ResourceSamples> samples) {
    RunReport report;
    List<Path> written = new ArrayList<>();
    try {
      if (samples.isPresent()) {
        // Kept raw beside the summary, so that `perfgate analyze` judges them again.
        written.add(
            AtomicFiles.write(
                runDir.resolve(FOLDER).resolve(SamplesFile.FILE_NAME),
                out -> SamplesFile.write(samples.get(), out)));
      }
      report =
          RunAnalysis.analyse(
              List.of(runDir.resolve("simulation.log")),
              RunAnalysis.Inputs.of(
                  settings,
                  simulation,
                  target,
                  gates,
                  runDir.getFileName().toString(),
                  "../index.html"),
              samples,
              settings.resources());
      written.addAll(Publisher.publish(report, runDir.resolve(FOLDER)));
    } catch (IOException e) {
      System.err.println(
          "perfgate: could not read or write the run's results in "
              + runDir
              + " ("
              + e.getMessage()
              + "); Gatling's report and assertions stand alone for this run.");
      return;
    }
    List<Path> files = new ArrayList<>(written);
    files.addAll(Trend.afterRun(report, runDir, settings.baselines(), System.err));
    ExitStatus.settle(
        runDir,
        // Gatling's assertion table has a row for each of its assertions, which come first;
        // resource gates follow them and exist in perfgate's files only.
        report.gates().subList(0, Math.min(gates.gates().size(), report.gates().size())),
        report.verdict(),
        window(report),
        ConsoleVerdict.render(report, files));
  }

  /** How the measured window reads in Gatling's assertion table. */
  static String window(RunReport report) {
    return report.run().warmUpMillis() == 0
        ? "on the whole run"
        : "measured after the "
            + Durations.format(java.time.Duration.ofMillis(report.run().warmUpMillis()))
            + " warm-up";
  }
}
