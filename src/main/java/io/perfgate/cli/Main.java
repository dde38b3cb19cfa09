package io.perfgate.cli;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * perfgate's command line, for work outside a run: analyse a run again, compare two runs, save a
 * baseline, merge several injectors' logs, list past runs, run the demo service. Started by the
 * launcher {@code src/perfgate}, e.g. {@code src/perfgate analyze results/<run>}.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(new Commands(System.out, System.err, Path.of("")).run(args));
  }

  /** Runs one command with the given streams and project folder; returns its exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err, Path projectDir) {
    return new Commands(out, err, projectDir).run(args);
  }
}
