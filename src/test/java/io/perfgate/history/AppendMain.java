package io.perfgate.history;

import io.perfgate.summary.Figures;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A writer process for the concurrency test: {@code AppendMain <history file> <writer> <count>
 * <requests per record>}. Prints "ready", waits for a line on its input (so that every writer
 * starts at once), appends {@code count} records with ids {@code <writer>-<i>}, prints "done".
 */
public final class AppendMain {
  private AppendMain() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    String writer = args[1];
    int count = Integer.parseInt(args[2]);
    int requests = Integer.parseInt(args[3]);
    List<RunRecord> records = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      records.add(record(writer, i, requests));
    }
    System.out.println("ready");
    System.out.flush();
    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    for (RunRecord r : records) {
      History.append(file, r);
    }
    System.out.println("done");
  }

  /** A record whose line is several kilobytes: longer than any write the OS keeps whole unasked. */
  static RunRecord record(String writer, int i, int requests) {
    List<RunRecord.Request> figures = new ArrayList<>();
    for (int q = 0; q < requests; q++) {
      figures.add(
          new RunRecord.Request(
              "group-" + writer + " / request-" + q + "-" + "x".repeat(40),
              new Figures(100 + q, 100 + q, 0, 0, 3 * q, q, 1, q, q, q, 2 * q, 2 * q, 1.25)));
    }
    Figures key = new Figures(1000, 999, 1, 1, 40, 12.5, 3, 10, 15, 20, 30, 35, 16.5);
    return new RunRecord(
        writer + "-" + i,
        "ConcurrencySimulation",
        "load",
        writer,
        Optional.empty(),
        Runs.START + i,
        60_000,
        false,
        false,
        io.perfgate.summary.Verdict.PASS,
        key,
        key,
        figures,
        writer + "-" + i + "/index.html",
        writer + "-" + i + "/perfgate/index.html",
        "");
  }
}
