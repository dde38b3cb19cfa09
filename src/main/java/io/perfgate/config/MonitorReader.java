package io.perfgate.config;

import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.perfgate.gate.Bounds;
import io.perfgate.gate.ResourceSla;
import io.perfgate.monitor.MonitorSettings;
import io.perfgate.units.ByteSize;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Reads {@code target.monitor} (what to sample) and {@code sla.resources} (resource gates). */
final class MonitorReader {
  private static final Pattern METRIC = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern CPU = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*%");

  private MonitorReader() {}

  static MonitorSettings monitor(Node m) {
    if (!m.exists()) {
      return MonitorSettings.off();
    }
    m.rejectUnknown(Set.of("enabled", "interval", "process", "prometheus", "injector"));
    Duration interval = m.duration("interval", false);
    if (interval.toMillis() < 100) {
      throw m.error(
          "interval", "'" + m.raw("interval") + "' is too short", "100ms or more, e.g. 1s");
    }
    Node p = m.child("process");
    p.rejectUnknown(Set.of("pid", "name", "demo"));
    OptionalLong pid = p.has("pid") ? OptionalLong.of(p.integer("pid", 1)) : OptionalLong.empty();
    String name = p.has("name") ? p.string("name").trim() : "";
    if (pid.isPresent() && !name.isEmpty()) {
      throw p.error(
          "name",
          "both a pid and a name pattern are set",
          "one of pid or name; the other null or \"\"");
    }
    if (!name.isEmpty()) {
      try {
        Pattern.compile(name);
      } catch (PatternSyntaxException e) {
        throw p.error(
            "name",
            "'" + name + "' is not a regular expression (" + e.getDescription() + ")",
            "a Java regular expression matched against command lines, e.g. \"DemoService\"");
      }
    }
    Node prom = m.child("prometheus");
    prom.rejectUnknown(Set.of("url", "metrics"));
    String raw = prom.string("url").trim();
    Optional<URI> url = raw.isEmpty() ? Optional.empty() : Optional.of(url(prom, raw));
    List<String> metrics = new ArrayList<>();
    List<? extends ConfigValue> list = prom.list("metrics");
    for (int i = 0; i < list.size(); i++) {
      ConfigValue v = list.get(i);
      String metric = String.valueOf(v.unwrapped()).trim();
      if (v.valueType() != ConfigValueType.STRING || !METRIC.matcher(metric).matches()) {
        throw ConfigError.at(
            prom.key("metrics") + "[" + i + "]",
            Origins.describe(v.origin()),
            "'" + v.unwrapped() + "' is not a Prometheus metric name",
            "names such as hikaricp_connections_active or db_pool_active_connections");
      }
      metrics.add(metric);
    }
    return new MonitorSettings(
        m.bool("enabled"),
        interval,
        pid,
        name.isEmpty() ? Optional.empty() : Optional.of(name),
        p.bool("demo"),
        url,
        metrics,
        m.bool("injector"));
  }

  private static URI url(Node node, String raw) {
    String allowed = "the http URL of the target's metrics, e.g. http://127.0.0.1:9100/metrics";
    try {
      URI uri = new URI(raw);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw node.error("url", "'" + raw + "' is not an http(s) URL with a host", allowed);
      }
      return uri;
    } catch (URISyntaxException e) {
      throw node.error("url", "'" + raw + "' is not a valid URL (" + e.getReason() + ")", allowed);
    }
  }

  static ResourceSla resources(Node r) {
    if (!r.exists()) {
      return ResourceSla.defaults();
    }
    r.rejectUnknown(Set.of("memoryGrowth", "leakProfiles", "leakFit", "maxRss", "cpu"));
    String growthAllowed =
        "two ascending numbers of MB per minute [target, acceptable], e.g. [5, 10]";
    List<? extends ConfigValue> growth = r.list("memoryGrowth");
    if (growth.size() != 2) {
      throw r.error("memoryGrowth", "has " + growth.size() + " values", growthAllowed);
    }
    double[] g = new double[2];
    for (int i = 0; i < 2; i++) {
      Object v = growth.get(i).unwrapped();
      try {
        g[i] = v instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(v));
      } catch (NumberFormatException e) {
        g[i] = Double.NaN;
      }
      if (!(g[i] >= 0) || Double.isInfinite(g[i])) {
        throw ConfigError.at(
            r.key("memoryGrowth") + "[" + i + "]",
            Origins.describe(growth.get(i).origin()),
            "'" + v + "' is not valid here",
            growthAllowed);
      }
    }
    if (g[0] > g[1]) {
      throw r.error("memoryGrowth", "the bounds are not ascending", growthAllowed);
    }
    Set<String> profiles = new LinkedHashSet<>();
    for (ConfigValue v : r.list("leakProfiles")) {
      profiles.add(String.valueOf(v.unwrapped()).trim());
    }
    double fit = r.number("leakFit", true);
    if (fit > 1) {
      throw r.error("leakFit", fit + " is out of range", "a number from 0 to 1, e.g. 0.8");
    }
    OptionalDouble maxRss = OptionalDouble.empty();
    if (r.has("maxRss")) {
      String raw = r.raw("maxRss").trim();
      OptionalLong bytes = ByteSize.parse(raw);
      if (bytes.isEmpty() || bytes.getAsLong() == 0) {
        throw r.error(
            "maxRss", "'" + raw + "' is not a size", "a size such as 512MB or 2GB, or null");
      }
      maxRss = OptionalDouble.of(bytes.getAsLong() / (double) (1 << 20));
    }
    OptionalDouble cpu = OptionalDouble.empty();
    if (r.has("cpu")) {
      String raw = r.raw("cpu").trim();
      var m = CPU.matcher(raw);
      if (!m.matches() || Double.parseDouble(m.group(1)) == 0) {
        throw r.error(
            "cpu",
            "'" + raw + "' is not a CPU share",
            "a percentage of one core, as top shows it: 80%, or 150% for one and a half cores; or null");
      }
      cpu = OptionalDouble.of(Double.parseDouble(m.group(1)));
    }
    return new ResourceSla(
        new Bounds(g[0], g[1], g[1]), profiles, fit, maxRss, cpu, r.where("memoryGrowth"));
  }
}
