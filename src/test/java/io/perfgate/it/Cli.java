package io.perfgate.it;

import io.perfgate.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** perfgate's command line, run in the test's JVM from the project folder, its output captured. */
final class Cli {
  private Cli() {}

  /** What one command did: its exit status, standard output and standard error. */
  record Outcome(int status, String out, String err) {
    /** Output and errors together, for assertion messages. */
    String console() {
      return out + err;
    }
  }

  static Outcome run(String... args) {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    int status =
        Main.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            Path.of(""));
    return new Outcome(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
