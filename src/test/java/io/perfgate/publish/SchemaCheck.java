package io.perfgate.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A validator for the subset of JSON Schema 2020-12 that summary.schema.json uses. No validator
 * library is on the class path, and adding one for a test is not worth a dependency. To keep this
 * honest, {@link #unknownKeywords} lists any keyword the schema uses that this class does not
 * check.
 *
 * <p>Beyond the standard, {@code strict} reports properties the schema does not declare, so the
 * schema cannot fall behind what SummaryJson writes.
 */
final class SchemaCheck {
  static final Set<String> KNOWN =
      Set.of(
          "$schema",
          "$id",
          "$defs",
          "$ref",
          "title",
          "description",
          "type",
          "required",
          "properties",
          "additionalProperties",
          "items",
          "enum",
          "const",
          "anyOf",
          "minimum",
          "maximum",
          "pattern");

  private final JsonNode root;
  private final boolean strict;
  private final List<String> problems = new ArrayList<>();

  private SchemaCheck(JsonNode root, boolean strict) {
    this.root = root;
    this.strict = strict;
  }

  static JsonNode schema() throws IOException {
    try (InputStream in = SchemaCheck.class.getResourceAsStream("/perfgate/summary.schema.json")) {
      if (in == null) {
        throw new IOException("perfgate/summary.schema.json is not on the class path");
      }
      return new ObjectMapper().readTree(in);
    }
  }

  static List<String> validate(JsonNode schema, JsonNode instance, boolean strict) {
    SchemaCheck check = new SchemaCheck(schema, strict);
    check.check(schema, instance, "$");
    return check.problems;
  }

  /** Keywords (outside property names and $defs names) this checker would silently ignore. */
  static List<String> unknownKeywords(JsonNode schema) {
    List<String> unknown = new ArrayList<>();
    walk(schema, "$", unknown);
    return unknown;
  }

  private static void walk(JsonNode schema, String at, List<String> unknown) {
    if (!schema.isObject()) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      if (!KNOWN.contains(key)) {
        unknown.add(at + "." + key);
      }
      switch (key) {
        case "properties", "$defs" ->
            e.getValue()
                .fields()
                .forEachRemaining(
                    p -> walk(p.getValue(), at + "." + key + "." + p.getKey(), unknown));
        case "items" -> walk(e.getValue(), at + ".items", unknown);
        case "additionalProperties" -> walk(e.getValue(), at + ".additionalProperties", unknown);
        case "anyOf" -> e.getValue().forEach(s -> walk(s, at + ".anyOf", unknown));
        default -> {}
      }
    }
  }

  private void check(JsonNode schema, JsonNode value, String at) {
    if (schema.has("$ref")) {
      String ref = schema.get("$ref").asText();
      if (!ref.startsWith("#/$defs/")) {
        problems.add(at + ": unsupported $ref " + ref);
        return;
      }
      JsonNode target = root.path("$defs").path(ref.substring("#/$defs/".length()));
      if (target.isMissingNode()) {
        problems.add(at + ": $ref " + ref + " points nowhere");
        return;
      }
      check(target, value, at);
    }
    if (schema.has("type") && !typeMatches(schema.get("type"), value)) {
      problems.add(at + ": expected " + schema.get("type") + " but found " + value.getNodeType());
      return;
    }
    if (schema.has("const") && !schema.get("const").equals(value)) {
      problems.add(at + ": expected " + schema.get("const") + " but found " + value);
    }
    if (schema.has("enum")) {
      boolean found = false;
      for (JsonNode option : schema.get("enum")) {
        found |= option.equals(value);
      }
      if (!found) {
        problems.add(at + ": " + value + " is not one of " + schema.get("enum"));
      }
    }
    if (schema.has("anyOf")) {
      boolean any = false;
      for (JsonNode option : schema.get("anyOf")) {
        any |= matches(option, value);
      }
      if (!any) {
        problems.add(at + ": matches none of anyOf");
      }
    }
    if (value.isNumber()) {
      if (schema.has("minimum") && value.asDouble() < schema.get("minimum").asDouble()) {
        problems.add(at + ": " + value + " is below " + schema.get("minimum"));
      }
      if (schema.has("maximum") && value.asDouble() > schema.get("maximum").asDouble()) {
        problems.add(at + ": " + value + " is above " + schema.get("maximum"));
      }
    }
    if (value.isTextual()
        && schema.has("pattern")
        && !Pattern.compile(schema.get("pattern").asText()).matcher(value.asText()).find()) {
      problems.add(at + ": '" + value.asText() + "' does not match " + schema.get("pattern"));
    }
    if (value.isObject()) {
      for (JsonNode name : schema.path("required")) {
        if (!value.has(name.asText())) {
          problems.add(at + ": required property '" + name.asText() + "' is missing");
        }
      }
      JsonNode properties = schema.path("properties");
      value
          .fields()
          .forEachRemaining(
              e -> {
                JsonNode sub = properties.get(e.getKey());
                if (sub != null) {
                  check(sub, e.getValue(), at + "." + e.getKey());
                } else if (schema.has("additionalProperties")) {
                  check(schema.get("additionalProperties"), e.getValue(), at + "." + e.getKey());
                } else if (strict && schema.has("properties")) {
                  problems.add(at + ": property '" + e.getKey() + "' is not in the schema");
                }
              });
    }
    if (value.isArray() && schema.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        check(schema.get("items"), value.get(i), at + "[" + i + "]");
      }
    }
  }

  private boolean matches(JsonNode schema, JsonNode value) {
    SchemaCheck nested = new SchemaCheck(root, strict);
    nested.check(schema, value, "$");
    return nested.problems.isEmpty();
  }

  private static boolean typeMatches(JsonNode type, JsonNode value) {
    if (type.isArray()) {
      for (JsonNode t : type) {
        if (typeMatches(t, value)) {
          return true;
        }
      }
      return false;
    }
    return switch (type.asText()) {
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      case "string" -> value.isTextual();
      case "boolean" -> value.isBoolean();
      case "null" -> value.isNull();
      case "integer" ->
          value.isIntegralNumber()
              || (value.isNumber() && value.asDouble() == Math.rint(value.asDouble()));
      case "number" -> value.isNumber();
      default -> false;
    };
  }
}
