package io.perfgate.publish;

import io.perfgate.files.AtomicFiles;
import io.perfgate.summary.Summary;
import io.perfgate.summary.SummaryCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes perfgate's files for one run into its folder beside Gatling's report ({@code
 * results/<run>/perfgate/}): summary.json, junit.xml, summary.md and index.html.
 */
public final class Publisher {
  private Publisher() {}

  /**
   * Writes every file, each atomically: a reader sees the old file or the new one, never half of
   * one. A file that fails does not stop the others, so a broken page never costs CI its junit.xml.
   *
   * @param perfgateDir the folder to write into, created when missing
   * @return the files written, in the order written
   * @throws PublishException when one or more files could not be written; it lists those that were
   */
  public static List<Path> publish(Summary report, Path perfgateDir) throws IOException {
    Map<String, AtomicFiles.Content> files = new LinkedHashMap<>();
    files.put(SummaryCodec.FILE_NAME, out -> SummaryCodec.write(report, out));
    files.put(JunitXml.FILE_NAME, out -> JunitXml.write(report, out));
    files.put(
        SummaryMarkdown.FILE_NAME,
        out -> out.write(SummaryMarkdown.render(report).getBytes(StandardCharsets.UTF_8)));
    files.put(
        RunPage.FILE_NAME,
        out -> out.write(RunPage.render(report).getBytes(StandardCharsets.UTF_8)));

    List<Path> written = new ArrayList<>();
    List<Exception> failures = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (Map.Entry<String, AtomicFiles.Content> file : files.entrySet()) {
      Path target = perfgateDir.resolve(file.getKey());
      try {
        written.add(AtomicFiles.write(target, file.getValue()));
      } catch (IOException | RuntimeException e) {
        failed.add(file.getKey());
        failures.add(e);
      }
    }
    if (!failures.isEmpty()) {
      PublishException e =
          new PublishException(
              "perfgate could not write "
                  + String.join(", ", failed)
                  + " in "
                  + perfgateDir
                  + " (any previous version was kept): "
                  + failures.get(0),
              written);
      failures.forEach(e::addSuppressed);
      throw e;
    }
    return List.copyOf(written);
  }
}
