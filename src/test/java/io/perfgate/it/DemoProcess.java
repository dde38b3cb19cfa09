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
 * The demo service in a JVM of its own, as `perfgate demo` runs it, with a fixed, pre-touched heap:
 * its resident memory then moves only with what the service keeps off the heap (the leak fault), so
 * a resource sampler can be held to a known growth rate.
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
            "-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch", "-XX:MaxDirectMemorySize=1g", "-cp"));
    cmd.add(GatlingProcess.classpath());
    cmd.add("io.perfgate.demo.DemoService");
    cmd.addAll(List.of("--port", "0"));
    cmd.addAll(List.of(args));
    Path log = Files.createTempFile("perfgate-demo", ".log");
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
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
   * Sends requests from a few threads for {@code time}: the JIT compiles the handlers and the
   * service's threads and buffers reach their working size before a run samples it, as they have
   * long before a soak run's warm-up ends.
   */
  void warm(Duration time) throws InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    long end = System.nanoTime() + time.toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    for (int t = 0; t < 4; t++) {
      pool.submit(
          () -> {
            while (System.nanoTime() < end) {
              for (String path : List.of("/health", "/api/v1/jobs?limit=20")) {
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
