package io.perfgate.config;

import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.perfgate.gate.Bounds;
import io.perfgate.gate.CriterionParser;
import io.perfgate.gate.EnoughDataRule;
import io.perfgate.gate.Gate;
import io.perfgate.gate.GateSyntaxException;
import io.perfgate.gate.Metric;
import io.perfgate.gate.RegressionLimits;
import io.perfgate.gate.Scope;
import io.perfgate.gate.Sla;
import io.perfgate.gate.Tier;
import io.perfgate.profile.ErrorBudget;
import io.perfgate.units.Durations;
import io.perfgate.units.Percent;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;

/** Reads and validates the `sla` section: tiers and the gates people wrote. */
final class SlaReader {
  private static final Map<String, Tier> FAIL_BEYOND =
      Map.of("target", Tier.TARGET, "acceptable", Tier.ACCEPTABLE, "poor", Tier.POOR);
  private static final Map<String, Metric> TIER_METRICS =
      Map.of("p50", Metric.P50, "p95", Metric.P95, "p99", Metric.P99, "p999", Metric.P999);

  private SlaReader() {}

  static Sla read(Node sla, Set<String> endpoints) {
    sla.rejectUnknown(
        Set.of(
            "failBeyond",
            "tiers",
            "tierGates",
            "global",
            "requests",
            "groups",
            "regression",
            "resources",
            "enoughData"));
    Tier failBeyond = sla.oneOf("failBeyond", FAIL_BEYOND);
    Node tiers = sla.child("tiers");
    Set<String> tierKeys = new TreeSet<>(TIER_METRICS.keySet());
    tierKeys.add("errors");
    tiers.rejectUnknown(tierKeys);
    Map<Metric, Bounds> latency = new EnumMap<>(Metric.class);
    for (String k : tiers.keys()) {
      if (!k.equals("errors")) {
        latency.put(TIER_METRICS.get(k), bounds(tiers, k, true));
      }
    }
    Map<ErrorBudget, Bounds> errors = new EnumMap<>(ErrorBudget.class);
    if (tiers.has("errors")) {
      Node e = tiers.child("errors");
      e.rejectUnknown(Set.of("normal", "high", "stress"));
      for (String k : e.keys()) {
        errors.put(ErrorBudget.valueOf(k.toUpperCase(Locale.ROOT)), bounds(e, k, false));
      }
    }
    List<Gate> gates = new ArrayList<>(gates(sla, "global", Scope.global()));
    Node requests = sla.child("requests");
    for (String name : requests.keys()) {
      // A request inside a group is written "group/request", as Gatling's report nests it.
      String endpoint = name.substring(name.lastIndexOf('/') + 1);
      if (!endpoints.contains(endpoint)) {
        throw requests.error(
            name,
            "there is no request '"
                + endpoint
                + "': gates on requests name an endpoint of workload.endpoints",
            (endpoints.isEmpty()
                    ? "none are configured"
                    : String.join(", ", new TreeSet<>(endpoints)))
                + ", optionally after its groups, as in \"triage/"
                + (endpoints.isEmpty() ? "health" : endpoints.iterator().next())
                + "\"");
      }
      gates.addAll(gates(requests, name, Scope.request(name)));
    }
    Node groups = sla.child("groups");
    for (String name : groups.keys()) {
      gates.addAll(gates(groups, name, Scope.group(name)));
    }
    return new Sla(
        failBeyond,
        latency,
        errors,
        sla.bool("tierGates"),
        tiers.where(),
        gates,
        enoughData(sla.child("enoughData")));
  }

  private static List<Gate> gates(Node parent, String key, Scope scope) {
    List<Gate> out = new ArrayList<>();
    List<? extends ConfigValue> list = parent.list(key);
    for (int i = 0; i < list.size(); i++) {
      ConfigValue v = list.get(i);
      String at = parent.key(key) + "[" + i + "]";
      String where = Origins.describe(v.origin());
      if (v.valueType() != ConfigValueType.STRING) {
        throw ConfigError.at(
            at, where, "expected a gate in quotes, got " + Node.describe(v), CriterionParser.FORM);
      }
      try {
        out.add(Gate.sla(scope, CriterionParser.parse((String) v.unwrapped()), where));
      } catch (GateSyntaxException e) {
        throw ConfigError.at(at, where, e.getMessage(), e.allowed());
      }
    }
    return out;
  }

  private static Bounds bounds(Node parent, String key, boolean latency) {
    List<? extends ConfigValue> list = parent.list(key);
    String allowed =
        latency
            ? "three ascending durations [target, acceptable, poor], e.g. [500ms, 1000ms, 2000ms]"
            : "three ascending percentages [target, acceptable, poor], e.g. [0.1%, 1%, 5%]";
    if (list.size() != 3) {
      throw parent.error(key, "has " + list.size() + " values", allowed);
    }
    double[] v = new double[3];
    for (int i = 0; i < 3; i++) {
      String raw = String.valueOf(list.get(i).unwrapped());
      if (latency) {
        v[i] = Durations.parse(raw).map(d -> (double) d.toMillis()).orElse(Double.NaN);
      } else {
        OptionalDouble p = Percent.parse(raw);
        v[i] = p.isPresent() ? p.getAsDouble() : Double.NaN;
      }
      if (Double.isNaN(v[i])) {
        throw ConfigError.at(
            parent.key(key) + "[" + i + "]",
            Origins.describe(list.get(i).origin()),
            "'" + raw + "' is not valid here",
            allowed);
      }
    }
    if (!(v[0] <= v[1] && v[1] <= v[2])) {
      throw parent.error(key, "the bounds are not ascending", allowed);
    }
    return new Bounds(v[0], v[1], v[2]);
  }

  static RegressionLimits regression(Node r) {
    r.rejectUnknown(
        Set.of(
            "enabled", "latency", "latencyFloor", "throughput", "errors", "errorsFloor", "runs"));
    return new RegressionLimits(
        r.bool("enabled"),
        r.fraction("latency"),
        r.duration("latencyFloor", true),
        r.fraction("throughput"),
        r.fraction("errors") * 100,
        r.fraction("errorsFloor") * 100,
        r.integer("runs", 0));
  }

  static EnoughDataRule enoughData(Node e) {
    e.rejectUnknown(Set.of("valuesBeyond", "fail"));
    return new EnoughDataRule(e.integer("valuesBeyond", 1), e.bool("fail"));
  }
}
