package io.perfgate.it;

import static org.junit.jupiter.api.Assertions.fail;

import io.perfgate.simulation.OfflinePreferences;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a real Gatling JVM, forked like gatling-maven-plugin forks it (same JVM options, the test
 * classpath), and waits for it within a bound.
 */
final class GatlingProcess {
  static final String TRACKER = "io.perfgate.simulations.TrackerSimulation";
  static final String CONFIGURED = "io.perfgate.simulations.ConfiguredSimulation";

  /**
   * gatling-maven-plugin's default options for the Gatling JVM, then perfgate's own from pom.xml
   * (PomJvmArgsTest keeps the two lists in step), for a run whose results go to {@code results}.
   */
  static List<String> jvmOptions(Path results) {
    String folder = results.toAbsolutePath().toString();
    return List.of(
        "-XX:+HeapDumpOnOutOfMemoryError",
        "-XX:MaxInlineLevel=20",
        "-XX:MaxTrivialSize=12",
        "-Xmx1G",
        "--add-opens=java.base/java.lang=ALL-UNNAMED",
        "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED",
        OfflinePreferences.JVM_OPTION,
        "-Dperfgate.resultsFolder=" + folder,
        "-Xmx1g",
        "-XX:-HeapDumpOnOutOfMemoryError",
        "-XX:HeapDumpPath=" + folder,
        "-XX:ErrorFile=" + folder + "/hs_err_pid%p.log",
        "-XX:ReplayDataFile=" + folder + "/replay_pid%p.log",
        "-XX:-CreateCoredumpOnCrash",
        "-XX:OnOutOfMemoryError=touch '" + folder + "/perfgate-oom-%p'; kill -TERM %p");
  }

  record Result(int exitCode, String output, Path resultsFolder, Duration wall) {
    /**
     * The run folder Gatling created (simulation.log, index.html), if any; not trend/ beside it.
     */
    Optional<Path> runDir() {
      if (!Files.isDirectory(resultsFolder)) {
        return Optional.empty();
      }
      try (Stream<Path> s = Files.list(resultsFolder)) {
        return s.filter(d -> Files.isRegularFile(d.resolve("simulation.log"))).findFirst();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private GatlingProcess() {}

  static List<String> command(
      String simulation, Map<String, String> properties, Path resultsFolder) {
    return command(simulation, List.of(), properties, resultsFolder);
  }

  /** With more JVM options after the usual ones (the rightmost wins, e.g. -Xmx256m). */
  static List<String> command(
      String simulation,
      List<String> jvmOptions,
      Map<String, String> properties,
      Path resultsFolder) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions(resultsFolder));
    cmd.addAll(jvmOptions);
    cmd.add("-cp");
    cmd.add(classpath());
    properties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
    cmd.add("io.gatling.app.Gatling");
    cmd.add("-s");
    cmd.add(simulation);
    cmd.add("-rf");
    cmd.add(resultsFolder.toString());
    return cmd;
  }

  static Result run(
      String simulation, Map<String, String> properties, Path resultsFolder, Duration limit)
      throws IOException, InterruptedException {
    return exec(command(simulation, properties, resultsFolder), resultsFolder, limit);
  }

  /**
   * Starts a Gatling JVM without waiting for it, output and errors merged into {@code output}: the
   * process is the Gatling JVM itself, so {@link Process#destroy()} sends it SIGTERM, as Jenkins
   * does when a build is aborted.
   */
  static Process start(
      String simulation, Map<String, String> properties, Path resultsFolder, Path output)
      throws IOException {
    return builder(command(simulation, properties, resultsFolder), output).start();
  }

  /** Starts any command from {@code workDir} without waiting for it, output into {@code output}. */
  static Process start(List<String> command, Path workDir, Path output) throws IOException {
    return builder(command, output).directory(workDir.toFile()).start();
  }

  /** {@link #start} with these environment variables added to the Gatling JVM's environment. */
  static Process start(
      String simulation,
      Map<String, String> properties,
      Map<String, String> environment,
      Path resultsFolder,
      Path output)
      throws IOException {
    ProcessBuilder pb = builder(command(simulation, properties, resultsFolder), output);
    pb.environment().putAll(environment);
    return pb.start();
  }

  private static ProcessBuilder builder(List<String> command, Path output) {
    ProcessBuilder pb =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
    pb.environment().remove("PERFGATE_TARGET_URL");
    pb.environment().remove("PERFGATE_SCENARIO");
    pb.environment().remove("PERFGATE_ENV");
    return pb;
  }

  /** A run with these environment variables added to the Gatling JVM's environment. */
  static Result run(
      String simulation,
      Map<String, String> properties,
      Map<String, String> environment,
      Path resultsFolder,
      Duration limit)
      throws IOException, InterruptedException {
    return exec(command(simulation, properties, resultsFolder), environment, resultsFolder, limit);
  }

  /** Runs any command from the project directory, output and errors merged, within a bound. */
  static Result exec(List<String> command, Path resultsFolder, Duration limit)
      throws IOException, InterruptedException {
    return exec(command, Map.of(), resultsFolder, limit);
  }

  static Result exec(
      List<String> command, Map<String, String> environment, Path resultsFolder, Duration limit)
      throws IOException, InterruptedException {
    return exec(command, environment, Path.of(""), resultsFolder, limit);
  }

  /** Runs a command from {@code workDir} (a copy of the project: what it leaves there shows). */
  static Result exec(
      List<String> command,
      Map<String, String> environment,
      Path workDir,
      Path resultsFolder,
      Duration limit)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile("perfgate-run", ".log");
    ProcessBuilder pb = builder(command, log);
    pb.environment().putAll(environment);
    if (!workDir.toString().isEmpty()) {
      pb.directory(workDir.toFile());
    }
    long start = System.nanoTime();
    Process p = pb.start();
    if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly().waitFor();
      fail(
          "the run did not end within "
              + limit
              + ":\n"
              + Files.readString(log, StandardCharsets.UTF_8));
    }
    Duration wall = Duration.ofNanos(System.nanoTime() - start);
    String output = Files.readString(log, StandardCharsets.UTF_8);
    Files.deleteIfExists(log);
    return new Result(p.exitValue(), output, resultsFolder, wall);
  }

  static String classpath() {
    String cp = System.getProperty("surefire.test.class.path");
    if (cp == null || cp.isBlank()) {
      cp = System.getProperty("java.class.path");
    }
    return cp.replace(File.pathSeparator + File.pathSeparator, File.pathSeparator);
  }
}
