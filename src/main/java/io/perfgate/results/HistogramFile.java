package io.perfgate.results;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A run's distributions on disk: {@code perfgate/histograms.json}, one compact, versioned JSON file
 * beside the summary. Each entry holds one exact distribution: the values from 0 to 32,767 ms in
 * HdrHistogram's compressed encoding (base64; readable with HdrHistogram's {@code
 * decodeFromCompressedByteBuffer}), and the rare values outside that range as [value, count] pairs,
 * so that nothing is rounded. Entries: the whole run and each window, each request and group (whole
 * run and per-request windows), each group's duration, and every second of the run.
 */
public final class HistogramFile {
  public static final String FILE_NAME = "histograms.json";
  static final String FORMAT = "perfgate-histograms";
  static final int VERSION = 1;

  // Writing at the end of a run needs Jackson's streaming generator only; reading (analyze,
  // baselines) builds a tree.
  private static final JsonFactory FACTORY = new JsonFactory();

  private HistogramFile() {}

  /** Writes the distributions as JSON (UTF-8); leaves {@code out} open. */
  public static void write(Histograms h, OutputStream out) throws IOException {
    try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.writeStartObject();
      g.writeStringField("format", FORMAT);
      g.writeNumberField("version", VERSION);
      g.writeStringField("unit", "ms");
      g.writeStringField(
          "percentiles", "nearest rank: the value at rank ceil(p * count) of the sorted values");
      g.writeStringField(
          "encoding",
          "counts: HdrHistogram compressed encoding (base64) of the values 0 to "
              + (Distribution.DENSE_LIMIT - 1)
              + "; outside: [value, count] pairs of the others");
      g.writeNumberField("startEpochMillis", h.startEpochMillis());
      g.writeArrayFieldStart("windows");
      for (Window w : h.windows()) {
        g.writeStartObject();
        g.writeStringField("name", w.name());
        g.writeNumberField("fromMillis", w.fromMillis());
        if (w.toMillis() == Long.MAX_VALUE) {
          g.writeNullField("toMillis");
        } else {
          g.writeNumberField("toMillis", w.toMillis());
        }
        g.writeBooleanField("perRequest", w.perRequest());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("entries");
      for (Histograms.Entry e : h.entries()) {
        g.writeRaw('\n');
        g.writeStartObject();
        g.writeStringField("kind", e.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        if (!e.path().isEmpty()) {
          g.writeStringField("path", e.path());
        }
        if (e.window().isPresent()) {
          g.writeStringField("window", e.window().get());
        }
        if (e.second().isPresent()) {
          g.writeNumberField("second", e.second().get());
        }
        g.writeNumberField("count", e.times().count());
        g.writeNumberField("ko", e.ko());
        g.writeStringField("counts", Base64.getEncoder().encodeToString(e.times().encodeCounts()));
        long[][] outside = e.times().outsideCounts();
        if (outside.length > 0) {
          g.writeArrayFieldStart("outside");
          for (long[] pair : outside) {
            g.writeArray(pair, 0, 2);
          }
          g.writeEndArray();
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
  }

  /**
   * Reads a file written by {@link #write}.
   *
   * @throws IOException when it cannot be read or is not such a file; the message names it
   */
  public static Histograms read(Path file) throws IOException {
    JsonNode root;
    try (InputStream in = Files.newInputStream(file)) {
      root = new ObjectMapper(FACTORY).readTree(in);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IOException(file + " is not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || !FORMAT.equals(root.path("format").asText())) {
      throw new IOException(
          file + " is not a perfgate histograms file (no format " + FORMAT + ").");
    }
    int version = root.path("version").asInt(-1);
    if (version != VERSION) {
      throw new IOException(
          file
              + " has version "
              + version
              + ", but this perfgate reads version "
              + VERSION
              + " only. Use the perfgate that wrote it.");
    }
    try {
      List<Window> windows = new ArrayList<>();
      for (JsonNode w : root.path("windows")) {
        windows.add(
            new Window(
                w.path("name").asText(),
                w.path("fromMillis").asLong(),
                w.path("toMillis").isNull() ? Long.MAX_VALUE : w.path("toMillis").asLong(),
                w.path("perRequest").asBoolean(false)));
      }
      List<Histograms.Entry> entries = new ArrayList<>();
      for (JsonNode e : root.path("entries")) {
        JsonNode outsideNode = e.path("outside");
        long[][] outside = new long[outsideNode.size()][];
        for (int i = 0; i < outside.length; i++) {
          outside[i] =
              new long[] {outsideNode.get(i).get(0).asLong(), outsideNode.get(i).get(1).asLong()};
        }
        Distribution times =
            Distribution.decode(Base64.getDecoder().decode(e.path("counts").asText()), outside);
        if (times.count() != e.path("count").asLong(-1)) {
          throw new IllegalArgumentException(
              "an entry holds " + times.count() + " values but says " + e.path("count"));
        }
        entries.add(
            new Histograms.Entry(
                Histograms.Kind.valueOf(
                    e.path("kind").asText().toUpperCase(Locale.ROOT).replace('-', '_')),
                e.path("path").asText(""),
                e.hasNonNull("window") ? Optional.of(e.get("window").asText()) : Optional.empty(),
                e.hasNonNull("second") ? Optional.of(e.get("second").asLong()) : Optional.empty(),
                e.path("ko").asLong(0),
                times));
      }
      return new Histograms(root.path("startEpochMillis").asLong(), windows, entries);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IOException(file + " is damaged: " + e.getMessage());
    }
  }
}
