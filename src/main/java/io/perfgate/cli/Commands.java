package io.perfgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfgate.analysis.RunAnalysis;
import io.perfgate.analysis.RunReport;
import io.perfgate.analysis.Verdict;
import io.perfgate.baseline.BaselineException;
import io.perfgate.baseline.BaselineStore;
import io.perfgate.baseline.RunGates;
import io.perfgate.config.ConfigError;
import io.perfgate.config.Settings;
import io.perfgate.config.SettingsLoader;
import io.perfgate.demo.DemoService;
import io.perfgate.history.Trend;
import io.perfgate.history.TrendCommand;
import io.perfgate.monitor.ResourceSamples;
import io.perfgate.monitor.SamplesFile;
import io.perfgate.publish.ConsoleVerdict;
import io.perfgate.publish.Publisher;
import io.perfgate.results.LogFormatException;
import io.perfgate.results.LogReader;
import io.perfgate.results.RunHeader;
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
          "usage: perfgate <command> [arguments] [--scenario <profile>] [--env <env>] [-Dkey=value ...]",
          "  analyze <run folder | simulation.log>   judge a run again and rewrite its perfgate/ files",
          "  compare <run A> <run B>                 figures of two runs side by side, and an HTML page",
          "  baseline save <run folder>              make a run the baseline of its simulation, profile and environment",
          "  merge <simulation.log> <simulation.log>...  one summary of several injectors' logs of one test",
          "          [--out <folder>]                   (default results/merged-<time>)",
          "  runs                                    list past runs with their verdicts",
          "  " + TrendCommand.USAGE,
          "  demo [--port 8080] [--latency 50ms] [--error-rate 5%]   run the demo service on its own",
          "Through Maven: mvn -q compile exec:exec -Dcli=\"analyze results/<run>\"");

  private static final ObjectMapper JSON = new ObjectMapper();
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
    } catch (ConfigError | BaselineException e) {
      err.println("perfgate: " + e.getMessage());
      return ERROR;
    } catch (LogFormatException e) {
      err.println("perfgate: " + e.getMessage());
      return ERROR;
    } catch (IOException e) {
      err.println("perfgate: " + e.getMessage());
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
    JsonNode previous = readSummary(runDir.resolve("perfgate").resolve("summary.json"));
    Settings settings = settings(args, previous);
    String simulation = simpleName(header.simulationClass());
    // A run from before resource sampling, or without it, has no resources.json: no resource gates.
    Optional<ResourceSamples> samples =
        SamplesFile.read(runDir.resolve("perfgate").resolve(SamplesFile.FILE_NAME));
    RunReport report =
        RunAnalysis.analyse(
            List.of(log),
            RunAnalysis.Inputs.of(
                settings,
                simulation,
                previous.path("run").path("target").asText("(unknown)"),
                RunGates.of(settings, simulation),
                runDir.getFileName().toString(),
                "../index.html"),
            samples,
            settings.resources());
    List<Path> written = new ArrayList<>(Publisher.publish(report, runDir.resolve("perfgate")));
    written.addAll(Trend.afterRun(report, runDir, settings.baselines(), err));
    out.print(ConsoleVerdict.render(report, written));
    return report.verdict() == Verdict.FAIL ? FAILED : OK;
  }

  private RunReport analyse(
      List<Path> logs,
      Settings settings,
      String simulation,
      String target,
      String runId,
      String gatlingReport)
      throws IOException, BaselineException {
    return RunAnalysis.analyse(
        logs,
        RunAnalysis.Inputs.of(
            settings, simulation, target, RunGates.of(settings, simulation), runId, gatlingReport));
  }

  /**
   * The settings a run was judged with: the profile and environment it recorded in its summary
   * (unless the command line names others), the project's settings for the rest.
   */
  private Settings settings(Args args, JsonNode previous) {
    Map<String, String> props = new HashMap<>();
    String scenario = previous.path("run").path("scenario").asText("");
    String env = previous.path("run").path("environment").asText("");
    if (!scenario.isEmpty()) {
      props.put("scenario", scenario);
    }
    if (!env.isEmpty()) {
      props.put("env", env);
    }
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
    Path summary = runDir.resolve("perfgate").resolve("summary.json");
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
    Settings settings = settings(new Args(args.words(), settingsArgs), JSON.createObjectNode());
    RunReport report =
        analyse(
            logs,
            settings,
            simulation,
            "(" + logs.size() + " injectors)",
            outDir.getFileName().toString(),
            "");
    List<Path> written = new ArrayList<>(Publisher.publish(report, outDir.resolve("perfgate")));
    written.addAll(Trend.afterRun(report, outDir, settings.baselines(), err));
    out.print(ConsoleVerdict.render(report, written));
    return report.verdict() == Verdict.FAIL ? FAILED : OK;
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
                          || Files.isRegularFile(d.resolve("perfgate/summary.json")))
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
      JsonNode s = readSummary(d.resolve("perfgate").resolve("summary.json"));
      if (s.isMissingNode() || s.isEmpty()) {
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
      JsonNode run = s.path("run");
      long start = run.path("startEpochMillis").asLong();
      out.printf(
          Locale.ROOT,
          "%-44s %-19s %-11s %-8s %9d %8.2f%%%n",
          d.getFileName(),
          TIME.format(Instant.ofEpochMilli(start)),
          run.path("scenario").asText(),
          s.path("verdict").asText(),
          s.path("measured").path("p95").asLong(),
          s.path("measured").path("errorPercent").asDouble());
    }
    return OK;
  }

  // ---- compare ----

  private int compare(Args args) throws UsageException, IOException {
    if (args.words().size() != 2) {
      throw new UsageException("compare takes two runs: compare <run A> <run B>");
    }
    JsonNode a = summaryOf(args.words().get(0));
    JsonNode b = summaryOf(args.words().get(1));
    return Compare.print(a, b, out, projectDir);
  }

  private JsonNode summaryOf(String word) throws IOException {
    Path p = projectDir.resolve(word);
    Path summary = Files.isDirectory(p) ? p.resolve("perfgate").resolve("summary.json") : p;
    JsonNode s = readSummary(summary);
    if (s.isMissingNode() || s.isEmpty()) {
      throw new IOException(
          "there is no perfgate summary at " + summary + ": run `analyze " + word + "` first.");
    }
    return s;
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

  private static JsonNode readSummary(Path summary) {
    if (!Files.isRegularFile(summary)) {
      return JSON.missingNode();
    }
    try {
      return JSON.readTree(summary.toFile());
    } catch (IOException e) {
      return JSON.missingNode();
    }
  }

  private static String simpleName(String className) {
    int dot = className.lastIndexOf('.');
    return dot < 0 ? className : className.substring(dot + 1);
  }
}
