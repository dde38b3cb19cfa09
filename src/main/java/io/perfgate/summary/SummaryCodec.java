package io.perfgate.summary;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.perfgate.gate.Gate;
import io.perfgate.gate.Tier;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The one way perfgate writes and reads its machine-readable files: {@code summary.json} (a {@link
 * Summary}) and the lines of the run history. Readers ignore properties they do not know, so a
 * newer perfgate may add some; a number JSON cannot hold (NaN, an infinite change from a zero
 * baseline) is written as null and read back as NaN; enumerations other than the verdict are
 * written in lower case ("critical", "short-term").
 */
public final class SummaryCodec {
  public static final String FILE_NAME = "summary.json";

  // One mapper (building one is the costly part, at the end of a run); pretty or compact writers
  // and the strict line reader are views of it.
  private static final ObjectMapper MAPPER = mapper();
  private static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();
  private static final ObjectReader LINES =
      MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private SummaryCodec() {}

  private static ObjectMapper mapper() {
    SimpleModule numbers = new SimpleModule("perfgate-numbers");
    numbers.addSerializer(Double.class, new FiniteOrNull());
    numbers.addSerializer(double.class, new FiniteOrNull());
    numbers.addDeserializer(Double.class, new NullAsNaN());
    numbers.addDeserializer(double.class, new NullAsNaN());
    for (Class<? extends Enum<?>> e :
        java.util.List.<Class<? extends Enum<?>>>of(
            Tier.class,
            Gate.Kind.class,
            GateResult.Outcome.class,
            Summary.BaselineKind.class,
            Finding.Severity.class,
            Finding.Kind.class,
            Finding.Horizon.class)) {
      lowerCase(numbers, e);
    }
    return JsonMapper.builder()
        .addModule(new Jdk8Module())
        .addModule(numbers)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
        // The caller owns the stream (publishers write to a temporary file they then move).
        .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
        .build();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void lowerCase(SimpleModule module, Class<? extends Enum<?>> type) {
    Class raw = type;
    module.addSerializer(
        raw,
        new JsonSerializer<Enum<?>>() {
          @Override
          public void serialize(Enum<?> value, JsonGenerator gen, SerializerProvider p)
              throws IOException {
            gen.writeString(value.name().toLowerCase(Locale.ROOT).replace('_', '-'));
          }
        });
    module.addDeserializer(
        raw,
        new JsonDeserializer<Enum<?>>() {
          @Override
          public Enum<?> deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            String text = p.getValueAsString();
            if (text == null) {
              return null;
            }
            try {
              return Enum.valueOf(raw, text.toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
              return (Enum<?>) ctx.handleWeirdStringValue(raw, text, "not a known value");
            }
          }
        });
  }

  private static final class FiniteOrNull extends JsonSerializer<Double> {
    @Override
    public void serialize(Double value, JsonGenerator gen, SerializerProvider p)
        throws IOException {
      if (value == null || !Double.isFinite(value)) {
        gen.writeNull();
      } else {
        gen.writeNumber(value);
      }
    }
  }

  private static final class NullAsNaN extends JsonDeserializer<Double> {
    @Override
    public Double deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
      if (p.currentToken() == JsonToken.VALUE_NULL) {
        return Double.NaN;
      }
      return p.getValueAsDouble();
    }

    @Override
    public Double getNullValue(DeserializationContext ctx) {
      return Double.NaN;
    }

    @Override
    public Object getAbsentValue(DeserializationContext ctx) {
      return Double.NaN;
    }
  }

  // ---- summary.json ----

  /** Writes the summary, UTF-8, pretty-printed; leaves {@code out} open. */
  public static void write(Summary summary, OutputStream out) throws IOException {
    PRETTY.writeValue(out, summary);
  }

  /** The summary as pretty-printed JSON text. */
  public static String render(Summary summary) {
    try {
      return PRETTY.writeValueAsString(summary);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a summary always serializes: " + e.getMessage(), e);
    }
  }

  /** The summary as a JSON tree (for schema checks and tools that walk it). */
  public static JsonNode tree(Summary summary) {
    return MAPPER.valueToTree(summary);
  }

  /**
   * Reads a summary.json written by this or an older perfgate.
   *
   * @throws IOException when the file is unreadable, is not a perfgate summary, or was written by a
   *     newer perfgate whose schema this one does not know; the message names the file
   */
  public static Summary read(Path file) throws IOException {
    JsonNode root;
    try (InputStream in = Files.newInputStream(file)) {
      root = MAPPER.readTree(in);
    } catch (JsonProcessingException e) {
      throw new IOException(
          file + " is not valid JSON (" + e.getOriginalMessage() + "): not a perfgate summary.");
    }
    return fromTree(root, file.toString());
  }

  /** Reads a summary from JSON text; {@code where} names it in errors. */
  public static Summary parse(String json, String where) throws IOException {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IOException(
          where + " is not valid JSON (" + e.getOriginalMessage() + "): not a perfgate summary.");
    }
    return fromTree(root, where);
  }

  static Summary fromTree(JsonNode root, String where) throws IOException {
    JsonNode version = root == null ? null : root.get("schemaVersion");
    if (version == null || !version.canConvertToInt()) {
      throw new IOException(
          where + " is not a perfgate summary: it has no numeric schemaVersion at the top level.");
    }
    int v = version.asInt();
    if (v > Summary.SCHEMA_VERSION || v < 1) {
      throw new IOException(
          where
              + " has schemaVersion "
              + v
              + ", but this perfgate reads versions 1 to "
              + Summary.SCHEMA_VERSION
              + ". Use the perfgate that wrote it, or upgrade this one.");
    }
    JsonNode current = v == 1 ? upgradeFromVersion1(root.deepCopy()) : root;
    try {
      return MAPPER.treeToValue(current, Summary.class);
    } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
      throw new IOException(
          where
              + " is not a perfgate summary this perfgate can read ("
              + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.toString())
              + ").");
    }
  }

  /**
   * Version 1 (before exact statistics) kept each second's figures flat, resources as one object,
   * and the warm-up as an object; gates had no kind (a regression gate said so in its origin).
   */
  private static JsonNode upgradeFromVersion1(JsonNode root) {
    if (!(root instanceof ObjectNode top)) {
      return root;
    }
    JsonNode run = top.path("run");
    if (run instanceof ObjectNode r && r.path("warmUp").isObject()) {
      r.put("warmUpMillis", r.path("warmUp").path("millis").asLong(0));
    }
    if (top.path("perSecond") instanceof ArrayNode seconds) {
      ArrayNode upgraded = top.arrayNode();
      for (JsonNode s : seconds) {
        ObjectNode n = upgraded.addObject();
        long requests = s.path("requests").asLong(0);
        long errors = s.path("errors").asLong(0);
        n.put("offsetSeconds", s.path("offsetSeconds").asLong(0));
        n.put("activeUsers", s.path("activeUsers").asLong(0));
        n.put("usersStarted", 0);
        n.put("usersEnded", 0);
        ObjectNode f = n.putObject("figures");
        f.put("count", requests).put("ok", requests - errors).put("ko", errors);
        f.put("p95", s.path("p95").asLong(0)).put("rps", requests);
      }
      top.set("perSecond", upgraded);
    }
    if (top.path("gates") instanceof ArrayNode gates) {
      for (JsonNode g : gates) {
        if (g instanceof ObjectNode o && !o.has("kind")) {
          o.put("kind", o.path("origin").asText("").startsWith("baseline ") ? "regression" : "sla");
        }
      }
    }
    JsonNode resources = top.path("resources");
    if (resources.isObject()) {
      ObjectNode r = (ObjectNode) resources.deepCopy();
      if (r.path("injector").isObject()) {
        r.set("injectorFigures", r.get("injector"));
      }
      r.put("injector", "");
      top.putArray("resources").add(r);
    }
    return top;
  }

  // ---- one record as one line, for the run history ----

  /** A value as one line of JSON, without the line break. */
  public static String line(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a record always serializes: " + e.getMessage(), e);
    }
  }

  /** A parsed JSON tree (one history line) as a value of {@code type}. */
  public static <T> T fromLine(JsonNode node, Class<T> type) throws JsonProcessingException {
    return MAPPER.treeToValue(node, type);
  }

  /** Parses one line of JSON into a tree; trailing tokens make it invalid. */
  public static JsonNode parseLine(String line) throws JsonProcessingException {
    return LINES.readTree(line);
  }
}
