package io.perfgate.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo service in a JVM of its own, as `perfgate demo` runs it, with a fixed, pre-touched heap
 * and only the quick first-tier compiler: its resident memory then moves only with what the service
 * keeps off the heap (the leak fault), so a resource sampler can be held to a known growth rate.
 * With the optimising compiler, a healthy service still compiled for tens of seconds after its
 * warm-up; its working memory and code cache grew 9 MB in a 16-s run, which a soak gate rightly
 * reads as 60-80 MB/min of growth.
 */
final class DemoProcess implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+?);");

  private final Process process;
  private final String url;
  private final Path log;

  private DemoProcess(Process process, String url, Path log) {
    this.process = process;
    this.url = url;
    this.log = log;
  }

  static DemoProcess start(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(
        List.of(
            "-Xms256m",
            "-Xmx256m",
            "-XX:+AlwaysPreTouch",
            "-XX:TieredStopAtLevel=1",
            "-XX:MaxDirectMemorySize=1g",
            "-cp"));
    cmd.add(GatlingProcess.classpath());
    cmd.add("io.perfgate.demo.DemoService");
    cmd.addAll(List.of("--port", "0"));
    cmd.addAll(List.of(args));
    Path log = Files.createTempFile("perfgate-demo", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    // Two malloc arenas rather than one per thread: memory the JIT and the service's threads take
    // off the heap then stops growing during the warm-up, not during the run it is judged by.
    builder.environment().put("MALLOC_ARENA_MAX", "2");
    Process p = builder.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline && p.isAlive()) {
      Matcher m = LISTENING.matcher(Files.readString(log, StandardCharsets.UTF_8));
      if (m.find()) {
        return new DemoProcess(p, m.group(1), log);
      }
      p.waitFor(100, TimeUnit.MILLISECONDS);
    }
    p.destroyForcibly().waitFor();
    fail("the demo service did not start:\n" + Files.readString(log, StandardCharsets.UTF_8));
    throw new IllegalStateException();
  }

  long pid() {
    return process.pid();
  }

  String url() {
    return url;
  }

  /**
   * Sends the requests of the integration workload (gates.conf) from a few threads for {@code
   * time}, clustered failures of every job in the feeder included: the JIT compiles every handler a
   * run calls, the answer cache holds every job and the service's threads and buffers reach their
   * working size before a run samples it, as they have long before a soak run's warm-up ends.
   */
  void warm(Duration time) throws InterruptedException, IOException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    List<String> paths = new ArrayList<>(List.of("/health"));
    for (String row : Files.readAllLines(Path.of("resources/data/jobs.csv"))) {
      String[] job = row.split(",");
      if (job.length == 4 && !row.startsWith("release,")) {
        paths.add("/api/v1/jobs?limit=20&skip=" + job[3]);
        paths.add(
            "/api/v1/jobs/%s/%s/%s/failures/clustered?limit=10&skip=0&min_cluster_size=1"
                .formatted(job[0], job[1], job[2]));
      }
    }
    long end = System.nanoTime() + time.toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    for (int t = 0; t < 4; t++) {
      pool.submit(
          () -> {
            while (System.nanoTime() < end) {
              for (String path : paths) {
                try {
                  client.send(
                      HttpRequest.newBuilder(URI.create(url + path))
                          .timeout(Duration.ofSeconds(5))
                          .build(),
                      HttpResponse.BodyHandlers.discarding());
                } catch (IOException e) {
                  return;
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                }
              }
            }
          });
    }
    pool.shutdown();
    if (!pool.awaitTermination(time.toMillis() + 30_000, TimeUnit.MILLISECONDS)) {
      pool.shutdownNow();
    }
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
    Files.deleteIfExists(log);
  }
}
