package io.perfgate.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.perfgate.units.Durations;
import io.perfgate.units.Percent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;

/**
 * A position in the merged configuration with typed reads whose errors name the full key, the file
 * and line it came from, and what is allowed. Only the config package sees raw Typesafe values.
 */
final class Node {
  private final Config root;
  private final List<String> path;
  // Display name of `root` when it is an element of a list, e.g. "profiles.spike.phases[1]".
  private final String base;

  Node(Config root) {
    this(root, List.of(), "");
  }

  private Node(Config root, List<String> path, String base) {
    this.root = root;
    this.path = List.copyOf(path);
    this.base = base;
  }

  Node child(String key) {
    List<String> p = new ArrayList<>(path);
    p.add(key);
    return new Node(root, p, base);
  }

  /** The i-th element of a list child that holds objects, as a node of its own. */
  Node element(String listKey, int index, ConfigObject object) {
    return new Node(object.toConfig(), List.of(), key(listKey) + "[" + index + "]");
  }

  /** Full dotted key of a child, quoted where HOCON needs it. */
  String key(String child) {
    List<String> p = new ArrayList<>(path);
    p.add(child);
    return display(p);
  }

  String key() {
    return path.isEmpty() ? (base.isEmpty() ? "(root)" : base) : display(path);
  }

  private String display(List<String> p) {
    String joined = ConfigUtil.joinPath(p);
    return base.isEmpty() ? joined : base + "." + joined;
  }

  private String fullPath(String child) {
    List<String> p = new ArrayList<>(path);
    p.add(child);
    return ConfigUtil.joinPath(p);
  }

  boolean has(String child) {
    return root.hasPath(fullPath(child));
  }

  /** Whether the child is set, null included: a null can override a default. */
  boolean hasOrNull(String child) {
    return root.hasPathOrNull(fullPath(child));
  }

  boolean exists() {
    return path.isEmpty() || root.hasPath(ConfigUtil.joinPath(path));
  }

  ConfigValue value(String child) {
    return root.getValue(fullPath(child));
  }

  /** Where a child's value was written: "resources/perfgate.conf:12", "system property -Dusers". */
  String where(String child) {
    return has(child) ? Origins.describe(value(child).origin()) : where();
  }

  String where() {
    if (path.isEmpty()) {
      return base.isEmpty() ? "" : Origins.describe(root.root().origin());
    }
    return exists() ? Origins.describe(root.getValue(ConfigUtil.joinPath(path)).origin()) : "";
  }

  ConfigError error(String child, String problem, String allowed) {
    return ConfigError.at(key(child), where(child), problem, allowed);
  }

  /** The keys of this object, sorted, or an error when the value is not an object. */
  Set<String> keys() {
    if (path.isEmpty()) {
      return new TreeSet<>(root.root().keySet());
    }
    ConfigValue v = root.getValue(ConfigUtil.joinPath(path));
    if (v.valueType() != ConfigValueType.OBJECT) {
      throw ConfigError.at(
          key(),
          where(),
          "expected an object { ... }, got " + describe(v),
          "an object of settings");
    }
    return new TreeSet<>(((ConfigObject) v).keySet());
  }

  void rejectUnknown(Set<String> allowed) {
    for (String k : keys()) {
      if (!allowed.contains(k)) {
        throw error(k, "unknown key", String.join(", ", new TreeSet<>(allowed)));
      }
    }
  }

  String string(String child) {
    require(child);
    ConfigValue v = value(child);
    if (v.valueType() == ConfigValueType.OBJECT || v.valueType() == ConfigValueType.LIST) {
      throw error(child, "expected a single value, got " + describe(v), "a string");
    }
    return String.valueOf(v.unwrapped());
  }

  Optional<String> optionalString(String child) {
    return has(child) ? Optional.of(string(child)) : Optional.empty();
  }

  boolean bool(String child) {
    require(child);
    try {
      return root.getBoolean(fullPath(child));
    } catch (ConfigException.WrongType e) {
      throw error(child, "'" + raw(child) + "' is not a boolean", "true or false");
    }
  }

  /** A whole number of at least {@code min}. */
  int integer(String child, int min) {
    require(child);
    ConfigValue v = value(child);
    Object raw = v.unwrapped();
    long n;
    try {
      n =
          raw instanceof Number num && num.doubleValue() == Math.rint(num.doubleValue())
              ? num.longValue()
              : Long.parseLong(String.valueOf(raw).trim());
    } catch (NumberFormatException e) {
      throw error(
          child, "'" + raw + "' is not a whole number", "a whole number of at least " + min);
    }
    if (n < min || n > Integer.MAX_VALUE) {
      throw error(child, n + " is out of range", "a whole number of at least " + min);
    }
    return (int) n;
  }

  /** A number greater than zero (or at least zero when {@code allowZero}). */
  double number(String child, boolean allowZero) {
    require(child);
    Object raw = value(child).unwrapped();
    double d;
    try {
      d = raw instanceof Number num ? num.doubleValue() : Double.parseDouble(String.valueOf(raw));
    } catch (NumberFormatException e) {
      throw error(child, "'" + raw + "' is not a number", positiveText(allowZero));
    }
    if (Double.isNaN(d) || Double.isInfinite(d) || d < 0 || (!allowZero && d == 0)) {
      throw error(child, raw + " is out of range", positiveText(allowZero));
    }
    return d;
  }

  private static String positiveText(boolean allowZero) {
    return allowZero ? "a number of at least 0" : "a number greater than 0";
  }

  Duration duration(String child, boolean allowZero) {
    require(child);
    ConfigValue v = value(child);
    Object raw = v.unwrapped();
    Optional<Duration> d =
        raw instanceof String || raw instanceof Number
            ? Durations.parse(String.valueOf(raw))
            : Optional.empty();
    if (d.isEmpty()) {
      throw error(child, "'" + raw + "' is not a duration", Durations.ALLOWED);
    }
    if (!allowZero && d.get().isZero()) {
      throw error(child, "'" + raw + "' must be greater than zero", Durations.ALLOWED);
    }
    return d.get();
  }

  /** A share written as "5%"; returns the fraction (0.05). */
  double fraction(String child) {
    require(child);
    String raw = raw(child).trim();
    OptionalDouble percent = Percent.parse(raw);
    if (percent.isEmpty()) {
      throw error(child, "'" + raw + "' is not a percentage", Percent.ALLOWED);
    }
    return percent.getAsDouble() / 100.0;
  }

  <E> E oneOf(String child, Map<String, E> allowed) {
    String s = string(child).trim().toLowerCase(Locale.ROOT);
    E e = allowed.get(s);
    if (e == null) {
      throw error(
          child,
          "'" + raw(child) + "' is not known",
          String.join(", ", new TreeSet<>(allowed.keySet())));
    }
    return e;
  }

  List<? extends ConfigValue> list(String child) {
    require(child);
    ConfigValue v = value(child);
    if (v.valueType() != ConfigValueType.LIST) {
      throw error(child, "expected a list [ ... ], got " + describe(v), "a list such as [a, b]");
    }
    return root.getList(fullPath(child));
  }

  String raw(String child) {
    Object u = value(child).unwrapped();
    return String.valueOf(u);
  }

  private void require(String child) {
    if (!has(child)) {
      throw error(child, "is missing", "see reference.conf for this key");
    }
  }

  static String describe(ConfigValue v) {
    return switch (v.valueType()) {
      case OBJECT -> "an object";
      case LIST -> "a list";
      case NULL -> "null";
      default -> "'" + v.unwrapped() + "'";
    };
  }
}
