package io.perfgate.cli;

import io.perfgate.analysis.EndNote;
import io.perfgate.baseline.BaselineException;
import io.perfgate.baseline.BaselineStore;
import io.perfgate.config.ConfigError;
import io.perfgate.config.Settings;
import io.perfgate.config.SettingsLoader;
import io.perfgate.demo.DemoService;
import io.perfgate.history.History;
import io.perfgate.history.Shifts;
import io.perfgate.history.TrendCommand;
import io.perfgate.pipeline.RunGates;
import io.perfgate.pipeline.RunPipeline;
import io.perfgate.results.LogFormatException;
import io.perfgate.results.LogReader;
import io.perfgate.results.RunHeader;
import io.perfgate.summary.Summary;
import io.perfgate.summary.SummaryCodec;
import io.perfgate.summary.Verdict;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The commands of perfgate's command line. Exit status: 0 done, 2 a gate failed, 1 an error, 64
 * usage.
 */
final class Commands {
  static final int OK = 0;
  static final int FAILED = 2;
  static final int ERROR = 1;
  static final int USAGE = 64;

  static final String USAGE_TEXT =
      String.join(
          System.lineSeparator(),
          "usage: src/perfgate <command> [arguments] [--scenario <profile>] [--env <env>] [-Dkey=value ...]",
          "  analyze <run folder | simulation.log>   judge a run again and rewrite its perfgate/ files",
          "  compare <run A> <run B>                 figures of two runs side by side, and an HTML page",
          "  baseline save <run folder>              make a run the baseline of its simulation, profile and environment",
          "  merge <simulation.log> <simulation.log>...  one summary of several injectors' logs of one test",
          "          [--out <folder>]                   (default results/merged-<time>)",
          "  runs                                    list past runs with their verdicts",
          "  facts <run folder | summary.json>       a run's verdict and breaches as key=value lines, for scripts",
          "  " + TrendCommand.USAGE,
          "  demo [--port 8080] [--latency 50ms] [--error-rate 5%]   run the demo service on its own",
          "Paths are relative to the project folder.");

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private final PrintStream out;
  private final PrintStream err;
  private final Path projectDir;

  Commands(PrintStream out, PrintStream err, Path projectDir) {
    this.out = out;
    this.err = err;
    this.projectDir = projectDir;
  }

  int run(String[] argv) {
    if (argv.length == 0
        || argv[0].equals("help")
        || argv[0].equals("--help")
        || argv[0].equals("-h")) {
      out.println(USAGE_TEXT);
      return argv.length == 0 ? USAGE : OK;
    }
    List<String> rest = Arrays.asList(argv).subList(1, argv.length);
    try {
      return switch (argv[0]) {
        case "analyze" -> analyze(Args.parse(rest));
        case "compare" -> compare(Args.parse(rest));
        case "baseline" -> baseline(Args.parse(rest));
        case "merge" -> merge(Args.parse(rest));
        case "runs" -> runs(Args.parse(rest));
        case "facts" -> facts(Args.parse(rest));
        case "demo" -> demo(rest);
        case "trend" -> {
          Args a = Args.parse(rest);
          yield TrendCommand.run(projectDir, a.words(), a.settings(), out, err);
        }
        default -> throw new UsageException("unknown command '" + argv[0] + "'");
      };
    } catch (UsageException e) {
      err.println("perfgate: " + e.getMessage() + ".");
      err.println(USAGE_TEXT);
      return USAGE;
    } catch (ConfigError | BaselineException | LogFormatException e) {
      err.println("perfgate: " + e.getMessage());
      return ERROR;
    } catch (IOException e) {
      err.println("perfgate: " + e.getMessage());
      return ERROR;
    } catch (RuntimeException e) {
      // Not a mistake of the user's: one sentence, and what to send with a report.
      err.println(
          "perfgate: "
              + argv[0]
              + " stopped on something perfgate did not expect ("
              + e
              + "). Nothing of the run's results was half-written (every file is written whole or"
              + " not at all); please report it with the command and the run folder.");
      return ERROR;
    }
  }

  // ---- analyze ----

  private int analyze(Args args) throws UsageException, IOException, BaselineException {
    Path target = one(args, "analyze", "a run folder or a simulation.log");
    Path log = Files.isDirectory(target) ? target.resolve("simulation.log") : target;
    if (!Files.isRegularFile(log)) {
      throw new IOException("there is no simulation.log at " + log + ".");
    }
    Path runDir = log.toAbsolutePath().getParent();
    RunHeader header = LogReader.readHeader(log);
    Optional<Summary> previous =
        readSummary(runDir.resolve(RunPipeline.FOLDER).resolve(SummaryCodec.FILE_NAME));
    Settings settings = settings(args, previous);
    String simulation = simpleName(header.simulationClass());
    RunPipeline.Outcome outcome =
        RunPipeline.run(
            new RunPipeline.Job(
                List.of(log),
                runDir,
                settings,
                RunGates.of(settings, simulation),
                simulation,
                previous
                    .map(p -> p.run().target())
                    .or(() -> EndNote.beside(log).map(EndNote::target).filter(t -> !t.isBlank()))
                    .orElse("(unknown)"),
                // Gatling builds its report after perfgate's analysis of a run, and none for a
                // run that died: name it only when it is there.
                Files.isRegularFile(runDir.resolve("index.html")) ? "../index.html" : ""),
            err);
    out.print(outcome.verdictBlock());
    return outcome.summary().verdict() == Verdict.FAIL ? FAILED : OK;
  }

  /**
   * The settings a run was judged with: the -D settings, profile and environment it recorded in its
   * summary (unless the command line names others), the project's settings for the rest.
   */
  private Settings settings(Args args, Optional<Summary> previous) {
    Map<String, String> props = new HashMap<>();
    previous.ifPresent(
        p -> {
          props.putAll(p.run().settings());
          if (!p.run().scenario().isEmpty()) {
            props.put("scenario", p.run().scenario());
          }
          if (!p.run().environment().isEmpty()) {
            props.put("env", p.run().environment());
          }
        });
    props.putAll(args.settings());
    Settings s = SettingsLoader.load(props, System.getenv(), projectDir);
    if (s.listOnly()) {
      throw new ConfigError(
          "Name a profile with --scenario <profile>: 'list' has no plan to judge a run by.");
    }
    return s;
  }

  // ---- baseline ----

  private int baseline(Args args) throws UsageException, BaselineException {
    if (args.words().size() != 2 || !args.words().get(0).equals("save")) {
      throw new UsageException("baseline takes: baseline save <run folder>");
    }
    Path runDir = projectDir.resolve(args.words().get(1));
    Path summary = runDir.resolve(RunPipeline.FOLDER).resolve(SummaryCodec.FILE_NAME);
    if (!Files.isRegularFile(summary)) {
      throw new BaselineException(
          "There is no "
              + summary
              + ": run `analyze "
              + args.words().get(1)
              + "` first, or name a run folder of a perfgate run.");
    }
    Settings settings = SettingsLoader.load(args.settings(), System.getenv(), projectDir);
    Path file = new BaselineStore(settings.baselines()).save(summary);
    out.println("perfgate: " + runDir.getFileName() + " is now the baseline (" + file + ").");
    out.println(
        "The next run of the same simulation, profile and environment gets regression gates.");
    return OK;
  }

  // ---- merge ----

  private int merge(Args args) throws UsageException, IOException, BaselineException {
    if (args.words().isEmpty()) {
      throw new UsageException(
          "merge needs the simulation.log files of the injectors (at least one)");
    }
    List<Path> logs = new ArrayList<>();
    for (String w : args.words()) {
      Path p = projectDir.resolve(w);
      Path log = Files.isDirectory(p) ? p.resolve("simulation.log") : p;
      if (!Files.isRegularFile(log)) {
        throw new IOException("there is no simulation.log at " + log + ".");
      }
      logs.add(log);
    }
    Map<String, String> settingsArgs = new HashMap<>(args.settings());
    String outName = settingsArgs.remove("out");
    RunHeader header = LogReader.readHeader(logs.get(0));
    String simulation = simpleName(header.simulationClass());
    Path outDir =
        outName != null
            ? projectDir.resolve(outName)
            : projectDir
                .resolve("results")
                .resolve(
                    "merged-"
                        + simulation.toLowerCase(Locale.ROOT)
                        + "-"
                        + System.currentTimeMillis());
    Path project = projectDir.toAbsolutePath().normalize();
    Path outAbsolute = outDir.toAbsolutePath().normalize();
    if (outAbsolute.startsWith(project)
        && !outAbsolute.getParent().startsWith(project.resolve("results"))) {
      // The history and the trend page go beside the merged run: inside the project, only
      // results/ may hold them.
      throw new UsageException(
          "--out "
              + outName
              + " is in the project but outside results/: name a folder under results/, e.g."
              + " --out results/merged-"
              + simulation.toLowerCase(Locale.ROOT));
    }
    Settings settings = settings(new Args(args.words(), settingsArgs), Optional.empty());
    RunPipeline.Outcome outcome =
        RunPipeline.run(
            new RunPipeline.Job(
                logs,
                outDir,
                settings,
                RunGates.of(settings, simulation),
                simulation,
                "(" + logs.size() + " injectors)",
                ""),
            err);
    out.print(outcome.verdictBlock());
    return outcome.summary().verdict() == Verdict.FAIL ? FAILED : OK;
  }

  // ---- runs ----

  private int runs(Args args) throws IOException {
    Path results = projectDir.resolve(args.settings().getOrDefault("results", "results"));
    if (!Files.isDirectory(results)) {
      out.println("No runs yet: " + results + " does not exist.");
      return OK;
    }
    List<Path> dirs;
    try (Stream<Path> s = Files.list(results)) {
      dirs =
          s.filter(
                  d ->
                      Files.isRegularFile(d.resolve("simulation.log"))
                          || Files.isRegularFile(
                              d.resolve(RunPipeline.FOLDER).resolve(SummaryCodec.FILE_NAME)))
              .sorted()
              .toList();
    }
    if (dirs.isEmpty()) {
      out.println("No runs in " + results + ".");
      return OK;
    }
    out.printf(
        Locale.ROOT,
        "%-44s %-19s %-11s %-8s %9s %9s%n",
        "run",
        "start (UTC)",
        "profile",
        "verdict",
        "p95 ms",
        "errors");
    for (Path d : dirs) {
      Optional<Summary> s =
          readSummary(d.resolve(RunPipeline.FOLDER).resolve(SummaryCodec.FILE_NAME));
      if (s.isEmpty()) {
        out.printf(
            Locale.ROOT,
            "%-44s %-19s %-11s %-8s %9s %9s%n",
            d.getFileName(),
            "",
            "",
            "(none)",
            "",
            "");
        continue;
      }
      Summary.Run run = s.get().run();
      out.printf(
          Locale.ROOT,
          "%-44s %-19s %-11s %-8s %9d %8.2f%%%n",
          d.getFileName(),
          TIME.format(Instant.ofEpochMilli(run.startEpochMillis())),
          run.scenario(),
          s.get().verdict(),
          s.get().measured().p95(),
          s.get().measured().errorPercent());
    }
    // Where the history shifted for good: the same change points the trend page marks.
    try {
      List<io.perfgate.history.RunRecord> records =
          History.read(results.resolve(History.FILE_NAME)).records();
      if (!records.isEmpty()) {
        out.println();
        Shifts.lines(Shifts.of(records), maxRunsInOneTrend(records)).forEach(out::println);
      }
    } catch (IOException e) {
      err.println("perfgate: the history cannot be read for change points: " + e.getMessage());
    }
    return OK;
  }

  /** The most runs any one simulation, profile and environment has (a run analysed again once). */
  private static int maxRunsInOneTrend(List<io.perfgate.history.RunRecord> records) {
    Map<String, java.util.Set<String>> runs = new HashMap<>();
    records.forEach(
        r ->
            runs.computeIfAbsent(
                    r.simulation() + "/" + r.profile() + "/" + r.environment(),
                    k -> new java.util.HashSet<>())
                .add(r.runId()));
    return runs.values().stream().mapToInt(java.util.Set::size).max().orElse(0);
  }

  // ---- facts ----

  private int facts(Args args) throws UsageException, IOException {
    Path p = one(args, "facts", "a run folder or its summary.json");
    Path file =
        Files.isDirectory(p) ? p.resolve(RunPipeline.FOLDER).resolve(SummaryCodec.FILE_NAME) : p;
    if (!Files.isRegularFile(file)) {
      throw new IOException("there is no perfgate summary at " + file + ".");
    }
    out.print(Facts.of(SummaryCodec.read(file)));
    return OK;
  }

  // ---- compare ----

  private int compare(Args args) throws UsageException, IOException {
    if (args.words().size() != 2) {
      throw new UsageException("compare takes two runs: compare <run A> <run B>");
    }
    Summary a = summaryOf(args.words().get(0));
    Summary b = summaryOf(args.words().get(1));
    return Compare.print(a, b, out, projectDir);
  }

  private Summary summaryOf(String word) throws IOException {
    Path p = projectDir.resolve(word);
    Path summary =
        Files.isDirectory(p) ? p.resolve(RunPipeline.FOLDER).resolve(SummaryCodec.FILE_NAME) : p;
    if (!Files.isRegularFile(summary)) {
      throw new IOException(
          "there is no perfgate summary at " + summary + ": run `analyze " + word + "` first.");
    }
    return SummaryCodec.read(summary);
  }

  // ---- demo ----

  private int demo(List<String> args) {
    DemoService.main(args.toArray(String[]::new));
    return OK;
  }

  // ---- helpers ----

  private Path one(Args args, String command, String what) throws UsageException {
    if (args.words().size() != 1) {
      throw new UsageException(command + " takes one argument: " + what);
    }
    return projectDir.resolve(args.words().get(0));
  }

  /** A run's summary, or empty when it has none or it cannot be read (then it is judged anew). */
  private Optional<Summary> readSummary(Path summary) {
    if (!Files.isRegularFile(summary)) {
      return Optional.empty();
    }
    try {
      return Optional.of(SummaryCodec.read(summary));
    } catch (IOException e) {
      err.println("perfgate: " + e.getMessage() + " It is left out.");
      return Optional.empty();
    }
  }

  private static String simpleName(String className) {
    int dot = className.lastIndexOf('.');
    return dot < 0 ? className : className.substring(dot + 1);
  }
}
