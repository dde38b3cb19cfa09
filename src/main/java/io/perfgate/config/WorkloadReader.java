package io.perfgate.config;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.perfgate.units.Durations;
import io.perfgate.workload.Check;
import io.perfgate.workload.Endpoint;
import io.perfgate.workload.Feeder;
import io.perfgate.workload.Journey;
import io.perfgate.workload.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/** Reads and validates the `workload` section: endpoints, feeders, journeys, think time. */
final class WorkloadReader {
  private static final Set<String> METHODS =
      Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
  private static final Map<String, Feeder.Strategy> STRATEGIES =
      Map.of(
          "circular", Feeder.Strategy.CIRCULAR,
          "queue", Feeder.Strategy.QUEUE,
          "random", Feeder.Strategy.RANDOM,
          "shuffle", Feeder.Strategy.SHUFFLE);
  private static final String STEP_FORMS =
      "an endpoint name, { request = <endpoint> }, { think = 1s } or { think = [1s, 3s] },"
          + " { feed = <feeder> }, { group = <name>, steps = [...] }, { repeat = 3, steps = [...] }"
          + " or { during = 60s | run, steps = [...] }";

  private WorkloadReader() {}

  static io.perfgate.workload.Workload read(Node w, Predicate<String> resourceExists) {
    w.rejectUnknown(Set.of("endpoints", "feeders", "journeys", "think"));
    Map<String, Endpoint> endpoints = new TreeMap<>();
    Node e = w.child("endpoints");
    for (String name : e.keys()) {
      endpoints.put(name, endpoint(name, e.child(name), resourceExists));
    }
    Map<String, Feeder> feeders = new TreeMap<>();
    Node f = w.child("feeders");
    for (String name : f.keys()) {
      feeders.put(name, feeder(name, f.child(name), resourceExists));
    }
    Node think = w.child("think");
    think.rejectUnknown(Set.of("min", "max"));
    Duration min = think.duration("min", true);
    Duration max = think.duration("max", true);
    if (max.compareTo(min) < 0) {
      throw think.error(
          "max", "is shorter than workload.think.min", "a duration at least as long as min");
    }
    Map<String, Journey> journeys = new LinkedHashMap<>();
    Node j = w.child("journeys");
    for (String name : j.keys()) {
      journeys.put(name, journey(name, j.child(name), endpoints.keySet(), feeders.keySet()));
    }
    return new io.perfgate.workload.Workload(endpoints, feeders, journeys, min, max);
  }

  private static Endpoint endpoint(String name, Node n, Predicate<String> resourceExists) {
    n.rejectUnknown(
        Set.of("method", "path", "query", "headers", "body", "bodyFile", "expect", "checks"));
    String method = n.has("method") ? n.string("method").trim().toUpperCase(Locale.ROOT) : "GET";
    if (!METHODS.contains(method)) {
      throw n.error(
          "method",
          "'" + n.raw("method") + "' is not an HTTP method",
          String.join(", ", new TreeSet<>(METHODS)));
    }
    String path = n.string("path").trim();
    if (!path.startsWith("/")) {
      throw n.error(
          "path",
          "'" + path + "' does not start with /",
          "a path relative to target.baseUrl, such as /api/v1/jobs");
    }
    if (n.has("body") && n.has("bodyFile")) {
      throw ConfigError.at(n.key(), n.where(), "both body and bodyFile are set", "one of them");
    }
    Optional<String> bodyFile = n.optionalString("bodyFile");
    if (bodyFile.isPresent() && !resourceExists.test(bodyFile.get())) {
      throw n.error(
          "bodyFile",
          "there is no file '" + bodyFile.get() + "' under resources/",
          "a path relative to resources/, such as bodies/import.json");
    }
    List<Integer> expect = new ArrayList<>();
    if (n.has("expect")) {
      List<? extends ConfigValue> codes =
          n.value("expect").valueType() == ConfigValueType.LIST
              ? n.list("expect")
              : List.of(n.value("expect"));
      for (ConfigValue c : codes) {
        int code;
        try {
          code = Integer.parseInt(String.valueOf(c.unwrapped()).trim());
        } catch (NumberFormatException ex) {
          code = -1;
        }
        if (code < 100 || code > 599) {
          throw ConfigError.at(
              n.key("expect"),
              Origins.describe(c.origin()),
              "'" + c.unwrapped() + "' is not an HTTP status",
              "codes from 100 to 599, e.g. [200, 201]");
        }
        expect.add(code);
      }
    }
    List<Check> checks = new ArrayList<>();
    if (n.has("checks")) {
      List<? extends ConfigValue> list = n.list("checks");
      for (int i = 0; i < list.size(); i++) {
        checks.add(check(n, i, list.get(i)));
      }
    }
    return new Endpoint(
        name,
        method,
        path,
        strings(n, "query"),
        strings(n, "headers"),
        n.optionalString("body"),
        bodyFile,
        expect,
        checks);
  }

  private static Check check(Node n, int i, ConfigValue v) {
    String allowed =
        "{ jsonPath = \"$.x\" } with optional is = <value> and saveAs = <name>, or { substring = \"text\" }";
    if (v.valueType() != ConfigValueType.OBJECT) {
      throw ConfigError.at(
          n.key("checks") + "[" + i + "]",
          Origins.describe(v.origin()),
          "expected an object, got " + Node.describe(v),
          allowed);
    }
    Node c = n.element("checks", i, (ConfigObject) v);
    c.rejectUnknown(Set.of("jsonPath", "substring", "is", "saveAs"));
    if (c.has("jsonPath") == c.has("substring")) {
      throw ConfigError.at(
          c.key(), c.where(), "a check needs exactly one of jsonPath or substring", allowed);
    }
    if (c.has("substring")) {
      if (c.has("is") || c.has("saveAs")) {
        throw ConfigError.at(
            c.key(), c.where(), "is and saveAs apply to jsonPath checks only", allowed);
      }
      return new Check.Substring(c.string("substring"));
    }
    return new Check.JsonPath(
        c.string("jsonPath"), c.optionalString("is"), c.optionalString("saveAs"));
  }

  private static Map<String, String> strings(Node n, String key) {
    Map<String, String> out = new TreeMap<>();
    if (n.has(key)) {
      Node m = n.child(key);
      for (String k : m.keys()) {
        out.put(k, m.string(k));
      }
    }
    return out;
  }

  private static Feeder feeder(String name, Node n, Predicate<String> resourceExists) {
    n.rejectUnknown(Set.of("file", "strategy"));
    String file = n.string("file").trim();
    String lower = file.toLowerCase(Locale.ROOT);
    if (!lower.endsWith(".csv") && !lower.endsWith(".json")) {
      throw n.error(
          "file",
          "'" + file + "' is neither .csv nor .json",
          "a .csv or .json file under resources/");
    }
    if (!resourceExists.test(file)) {
      throw n.error(
          "file",
          "there is no file '" + file + "' under resources/",
          "a path relative to resources/, such as data/jobs.csv");
    }
    Feeder.Strategy strategy =
        n.has("strategy") ? n.oneOf("strategy", STRATEGIES) : Feeder.Strategy.CIRCULAR;
    return new Feeder(name, file, strategy);
  }

  private static Journey journey(String name, Node n, Set<String> endpoints, Set<String> feeders) {
    n.rejectUnknown(Set.of("weight", "steps"));
    double weight = n.number("weight", false);
    Optional<List<Step>> steps = Optional.empty();
    if (n.has("steps")) {
      steps = Optional.of(steps(n, "steps", endpoints, feeders));
    }
    return new Journey(name, weight, steps);
  }

  private static List<Step> steps(
      Node parent, String key, Set<String> endpoints, Set<String> feeders) {
    List<? extends ConfigValue> list = parent.list(key);
    if (list.isEmpty()) {
      throw parent.error(key, "the list is empty", STEP_FORMS);
    }
    List<Step> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      ConfigValue v = list.get(i);
      String at = parent.key(key) + "[" + i + "]";
      if (v.valueType() == ConfigValueType.STRING) {
        out.add(
            request(at, Origins.describe(v.origin()), String.valueOf(v.unwrapped()), endpoints));
        continue;
      }
      if (v.valueType() != ConfigValueType.OBJECT) {
        throw ConfigError.at(
            at,
            Origins.describe(v.origin()),
            "expected a step, got " + Node.describe(v),
            STEP_FORMS);
      }
      Node s = parent.element(key, i, (ConfigObject) v);
      Set<String> keys = s.keys();
      if (keys.contains("request")) {
        s.rejectUnknown(Set.of("request"));
        out.add(request(s.key("request"), s.where("request"), s.string("request"), endpoints));
      } else if (keys.contains("think")) {
        s.rejectUnknown(Set.of("think"));
        out.add(think(s));
      } else if (keys.contains("feed")) {
        s.rejectUnknown(Set.of("feed"));
        String feeder = s.string("feed");
        if (!feeders.contains(feeder)) {
          throw s.error(
              "feed",
              "there is no feeder '" + feeder + "' in workload.feeders",
              feeders.isEmpty() ? "none are configured" : String.join(", ", feeders));
        }
        out.add(new Step.Feed(feeder));
      } else if (keys.contains("group")) {
        s.rejectUnknown(Set.of("group", "steps"));
        out.add(new Step.Group(s.string("group"), steps(s, "steps", endpoints, feeders)));
      } else if (keys.contains("repeat")) {
        s.rejectUnknown(Set.of("repeat", "steps"));
        out.add(new Step.Repeat(s.integer("repeat", 1), steps(s, "steps", endpoints, feeders)));
      } else if (keys.contains("during")) {
        s.rejectUnknown(Set.of("during", "steps"));
        out.add(new Step.During(during(s), steps(s, "steps", endpoints, feeders)));
      } else {
        throw ConfigError.at(
            at,
            s.where(),
            "this step has none of request, think, feed, group, repeat or during",
            STEP_FORMS);
      }
    }
    return out;
  }

  /** A loop's length: a duration, or "run" for the profile's whole planned duration (empty). */
  private static Optional<Duration> during(Node step) {
    String raw = step.string("during").trim();
    if (raw.equals("run")) {
      return Optional.empty();
    }
    Optional<Duration> d = Durations.parse(raw);
    if (d.isEmpty() || d.get().isZero()) {
      throw step.error(
          "during",
          "'" + raw + "' is neither a duration greater than zero nor run",
          "a duration such as 60s or 5m, or run (loop until the profile's planned end)");
    }
    return d;
  }

  private static Step request(String key, String where, String endpoint, Set<String> endpoints) {
    if (!endpoints.contains(endpoint)) {
      throw ConfigError.at(
          key,
          where,
          "there is no endpoint '" + endpoint + "' in workload.endpoints",
          endpoints.isEmpty() ? "none are configured" : String.join(", ", endpoints));
    }
    return new Step.Request(endpoint);
  }

  private static Step think(Node s) {
    ConfigValue v = s.value("think");
    if (v.valueType() == ConfigValueType.LIST) {
      List<? extends ConfigValue> range = s.list("think");
      if (range.size() != 2) {
        throw s.error("think", "a think range needs two durations", "[min, max] such as [1s, 3s]");
      }
      Duration min =
          io.perfgate.units.Durations.parse(String.valueOf(range.get(0).unwrapped())).orElse(null);
      Duration max =
          io.perfgate.units.Durations.parse(String.valueOf(range.get(1).unwrapped())).orElse(null);
      if (min == null || max == null || max.compareTo(min) < 0) {
        throw s.error(
            "think",
            "'" + s.raw("think") + "' is not a range of durations",
            "[min, max] such as [1s, 3s], min <= max");
      }
      return new Step.Think(min, max);
    }
    Duration d = s.duration("think", true);
    return new Step.Think(d, d);
  }
}
