package io.perfgate.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * resources.json in a run's perfgate folder: the raw samples, kept so that analysing the run again
 * ({@code perfgate analyze}) judges the resource gates as the run did. Points are [epochMillis,
 * value] pairs.
 */
public final class SamplesFile {
  public static final String FILE_NAME = "resources.json";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private SamplesFile() {}

  public static void write(ResourceSamples samples, OutputStream out) throws IOException {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("intervalMillis", samples.intervalMillis());
    root.put("targetProcess", samples.targetProcess().orElse(null));
    root.put("embeddedDemo", samples.embeddedDemo());
    ArrayNode series = root.putArray("series");
    for (Series s : samples.series()) {
      ObjectNode node = series.addObject();
      node.put("source", s.source()).put("metric", s.metric()).put("unit", s.unit());
      ArrayNode points = node.putArray("points");
      for (Series.Point p : s.points()) {
        points.addArray().add(p.epochMillis()).add(p.value());
      }
    }
    ArrayNode notes = root.putArray("notes");
    samples.notes().forEach(notes::add);
    MAPPER.writeValue(new NonClosing(out), root);
  }

  /** The samples of a run folder's perfgate/resources.json; empty when the run has none. */
  public static Optional<ResourceSamples> read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    JsonNode root = MAPPER.readTree(file.toFile());
    List<Series> series = new ArrayList<>();
    for (JsonNode s : root.path("series")) {
      List<Series.Point> points = new ArrayList<>();
      for (JsonNode p : s.path("points")) {
        points.add(new Series.Point(p.path(0).asLong(), p.path(1).asDouble()));
      }
      series.add(
          new Series(
              s.path("source").asText(),
              s.path("metric").asText(),
              s.path("unit").asText(),
              points));
    }
    List<String> notes = new ArrayList<>();
    root.path("notes").forEach(n -> notes.add(n.asText()));
    JsonNode process = root.path("targetProcess");
    return Optional.of(
        new ResourceSamples(
            root.path("intervalMillis").asLong(1000),
            process.isTextual() ? Optional.of(process.asText()) : Optional.empty(),
            root.path("embeddedDemo").asBoolean(false),
            series,
            notes));
  }

  /** Jackson closes what it writes to; the caller owns the stream. */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
