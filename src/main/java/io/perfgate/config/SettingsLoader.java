package io.perfgate.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigUtil;
import io.perfgate.analysis.AnalysisSettings;
import io.perfgate.injector.PreflightSettings;
import io.perfgate.injector.ResponseLimit;
import io.perfgate.profile.Overrides;
import io.perfgate.profile.Plan;
import io.perfgate.profile.PlanException;
import io.perfgate.profile.Plans;
import io.perfgate.profile.Profile;
import io.perfgate.target.DemoSettings;
import io.perfgate.target.Target;
import io.perfgate.units.ByteSize;
import io.perfgate.workload.Workload;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads a run's settings from reference.conf, the project's file, an environment overlay,
 * environment variables and system properties (later wins), and validates all of it into {@link
 * Settings} before any load is sent. Every mistake becomes one {@link ConfigError}.
 */
public final class SettingsLoader {
  /** System property naming the project's configuration file instead of resources/perfgate.conf. */
  public static final String CONFIG_FILE_PROPERTY = "perfgate.config";

  /** Top-level keys perfgate owns: system properties outside them are Gatling's or the JVM's. */
  static final Set<String> ROOTS =
      Set.of(
          "scenario",
          "injector",
          "baselines",
          "analysis",
          "env",
          "users",
          "rate",
          "duration",
          "ramp",
          "scale",
          "target",
          "run",
          "workload",
          "sla",
          "demo",
          "profiles",
          "live");

  /** Environment variables that set a key, for CI systems where -D is awkward. */
  static final Map<String, String> ENV_KEYS =
      Map.of(
          "PERFGATE_TARGET_URL", "target.baseUrl",
          "PERFGATE_SCENARIO", "scenario",
          "PERFGATE_ENV", "env");

  private static final Pattern SUBSTITUTION = Pattern.compile("\\$\\{\\??([^}]+)}");

  private final Map<String, String> systemProperties;
  private final Map<String, String> environment;
  private final Path projectDir;

  private SettingsLoader(
      Map<String, String> systemProperties, Map<String, String> environment, Path projectDir) {
    this.systemProperties = Map.copyOf(systemProperties);
    this.environment = Map.copyOf(environment);
    this.projectDir = projectDir;
  }

  /**
   * Whether a system property is one of perfgate's settings (or names its settings file), so that a
   * later command judging the same run can be given the same ones.
   */
  public static boolean isSetting(String key) {
    String root = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
    return ROOTS.contains(root) || key.equals(CONFIG_FILE_PROPERTY);
  }

  /** Loads with this JVM's system properties and environment, from the working directory. */
  public static Settings load() {
    Map<String, String> props = new LinkedHashMap<>();
    System.getProperties().stringPropertyNames().forEach(k -> props.put(k, System.getProperty(k)));
    return load(props, System.getenv(), Path.of(""));
  }

  public static Settings load(
      Map<String, String> systemProperties, Map<String, String> environment, Path projectDir) {
    return new SettingsLoader(systemProperties, environment, projectDir).load0();
  }

  private Settings load0() {
    List<String> sources = new ArrayList<>();
    Config reference = referenceConfig();
    Config project = projectConfig(sources);
    Config envVars = environmentLayer();
    Config props = systemPropertyLayer();

    Config withoutOverlay =
        props.withFallback(envVars).withFallback(project).withFallback(reference);
    String envName = envName(withoutOverlay);
    Config overlay = overlay(envName, envWhere(withoutOverlay), sources);
    Config merged =
        props
            .withFallback(envVars)
            .withFallback(overlay)
            .withFallback(project)
            .withFallback(reference);
    Map<String, String> fileSecrets = TargetReader.secretFiles(merged, environment, projectDir);
    TargetReader.rejectCommittedSecrets(merged);
    Map<String, String> variables = new LinkedHashMap<>(environment);
    variables.putAll(fileSecrets);
    Config resolved = resolve(merged, variables);
    Node root = new Node(resolved);
    root.rejectUnknown(ROOTS);
    return build(root, envName, sources, variables, fileSecrets);
  }

  private Settings build(
      Node root,
      String envName,
      List<String> sources,
      Map<String, String> variables,
      Map<String, String> fileSecrets) {
    Workload workload = WorkloadReader.read(root.child("workload"), this::resourceExists);
    Target target =
        TargetReader.read(
            root.child("target"),
            variables,
            fileSecrets.values(),
            workload.endpoints().values().stream().flatMap(e -> e.headers().entrySet().stream()),
            projectDir);
    Node run = root.child("run");
    run.rejectUnknown(Set.of("maxDurationGrace", "warmUp", "abort", "heapDump"));
    Duration grace = run.duration("maxDurationGrace", true);
    Map<String, Profile> profiles =
        ProfileReader.read(
            root.child("profiles"), run.duration("warmUp", true), run.child("abort"));
    ProfileReader.checkJourneys(
        root.child("profiles"),
        profiles,
        workload.journeys().keySet(),
        root.string("scenario").trim());
    var sla = SlaReader.read(root.child("sla"), workload.endpoints().keySet());
    DemoSettings demo = demo(root.child("demo"));

    String scenario = root.string("scenario").trim();
    Injectors injectors = injectors(root.child("injector"));
    PreflightSettings preflight =
        InjectorReader.preflight(root.child("injector").child("preflight"));
    ResponseLimit maxResponseSize = InjectorReader.maxResponseSize(root.child("target"));
    Overrides overrides = overrides(root);
    Optional<Plan> plan = Optional.empty();
    if (!Settings.LIST.equals(scenario)) {
      Profile profile = profiles.get(scenario);
      if (profile == null) {
        throw root.error(
            "scenario",
            "there is no profile '" + scenario + "'",
            String.join(", ", new TreeSet<>(profiles.keySet())) + ", or list to print them all");
      }
      try {
        plan =
            Optional.of(
                Plans.shard(
                    Plans.resolve(profile, overrides), injectors.count(), injectors.index()));
      } catch (PlanException e) {
        throw root.error(e.key(), e.getMessage(), e.allowed());
      }
    }
    return new Settings(
        scenario,
        envName.isEmpty() ? Optional.empty() : Optional.of(envName),
        target,
        overrides,
        profiles,
        plan,
        workload,
        sla,
        demo,
        grace,
        sources,
        SlaReader.regression(root.child("sla").child("regression")),
        projectDir.resolve(root.string("baselines")),
        analysis(root.child("analysis")),
        injectors,
        MonitorReader.monitor(root.child("target").child("monitor")),
        MonitorReader.resources(root.child("sla").child("resources")),
        preflight,
        maxResponseSize,
        run.bool("heapDump"),
        LiveReader.live(root.child("live")),
        given(target));
  }

  /**
   * Where a run's judging settings live: the plan, the gates, the analysis and the injector's
   * shard. What is left out (target, workload, demo, live) does not change a verdict and may hold a
   * secret (a header, a query parameter, a body).
   */
  private static final Set<String> JUDGING_ROOTS =
      Set.of(
          "scenario",
          "env",
          "users",
          "rate",
          "duration",
          "ramp",
          "scale",
          "run",
          "sla",
          "analysis",
          "profiles",
          "injector",
          "baselines");

  /**
   * The judging settings among the system properties, for a later {@code analyze} of the run: an
   * allow-list of roots, and never a value the run masks as a secret.
   */
  private Map<String, String> given(Target target) {
    Map<String, String> given = new TreeMap<>();
    systemProperties.forEach(
        (k, v) -> {
          String root = k.contains(".") ? k.substring(0, k.indexOf('.')) : k;
          boolean judging = JUDGING_ROOTS.contains(root) || k.equals(CONFIG_FILE_PROPERTY);
          if (judging && target.redactor().redact(v).equals(v)) {
            given.put(k, v);
          }
        });
    return given;
  }

  private static Injectors injectors(Node node) {
    node.rejectUnknown(Set.of("count", "index", "preflight"));
    int count = node.integer("count", 1);
    int index = node.integer("index", 0);
    if (index >= count) {
      throw node.error(
          "index",
          "shard " + index + " does not exist among " + count + " injectors",
          "0 to " + (count - 1) + " (shards are numbered from 0)");
    }
    return new Injectors(count, index);
  }

  private static AnalysisSettings analysis(Node node) {
    node.rejectUnknown(
        Set.of(
            "latencyCritical",
            "latencyWarning",
            "errorCritical",
            "varianceRatio",
            "apdexThreshold",
            "saturationEfficiency"));
    return new AnalysisSettings(
        node.duration("latencyCritical", false),
        node.duration("latencyWarning", false),
        node.fraction("errorCritical") * 100,
        node.number("varianceRatio", false),
        node.duration("apdexThreshold", false),
        node.fraction("saturationEfficiency"));
  }

  private static Overrides overrides(Node root) {
    OptionalInt users =
        root.has("users") ? OptionalInt.of(root.integer("users", 1)) : OptionalInt.empty();
    OptionalDouble rate =
        root.has("rate") ? OptionalDouble.of(root.number("rate", false)) : OptionalDouble.empty();
    Optional<Duration> duration =
        root.has("duration") ? Optional.of(root.duration("duration", false)) : Optional.empty();
    Optional<Duration> ramp =
        root.has("ramp") ? Optional.of(root.duration("ramp", true)) : Optional.empty();
    double scale = root.number("scale", false);
    if (scale > 100) {
      throw root.error(
          "scale", scale + " is too large", "a factor greater than 0 and at most 100, e.g. 0.1");
    }
    return new Overrides(users, rate, duration, ramp, scale);
  }

  private static DemoSettings demo(Node node) {
    node.rejectUnknown(Set.of("port", "cacheTtl", "faults"));
    int port = node.integer("port", 0);
    if (port > 65535) {
      throw node.error("port", port + " is not a port", "0 (any free port) to 65535");
    }
    Node faults = node.child("faults");
    faults.rejectUnknown(Set.of("latency", "errorRate", "after", "capacity", "overload", "leak"));
    long leak = 0;
    if (faults.has("leak")) {
      String raw = faults.raw("leak").trim();
      leak = ByteSize.parse(raw).orElse(-1);
      if (leak < 0 || leak > 64L << 20) {
        throw faults.error(
            "leak",
            "'" + raw + "' is not a size of at most 64MB",
            ByteSize.ALLOWED + ", at most 64MB");
      }
    }
    return new DemoSettings(
        port,
        node.duration("cacheTtl", false),
        faults.duration("latency", true),
        faults.fraction("errorRate"),
        faults.duration("after", true),
        faults.integer("capacity", 0),
        faults.duration("overload", true),
        leak);
  }

  // ---- layers ----

  private Config referenceConfig() {
    return ConfigFactory.parseResources(SettingsLoader.class, "/reference.conf", strict());
  }

  private Config projectConfig(List<String> sources) {
    String named = systemProperties.get(CONFIG_FILE_PROPERTY);
    if (named != null) {
      Path file = projectDir.resolve(named);
      if (!Files.isRegularFile(file)) {
        throw ConfigError.at(
            CONFIG_FILE_PROPERTY,
            "system property -D" + CONFIG_FILE_PROPERTY,
            "there is no file " + file,
            "the path of a HOCON file, relative to " + projectDir.toAbsolutePath().normalize());
      }
      sources.add(Origins.relative(file.toString()));
      return parseFile(file);
    }
    Path file = projectDir.resolve("resources").resolve("perfgate.conf");
    if (Files.isRegularFile(file)) {
      sources.add(Origins.relative(file.toString()));
      return parseFile(file);
    }
    URL url = SettingsLoader.class.getResource("/perfgate.conf");
    if (url != null) {
      sources.add("perfgate.conf (classpath)");
      return parse(() -> ConfigFactory.parseURL(url, strict()));
    }
    return ConfigFactory.empty();
  }

  private Config overlay(String envName, String where, List<String> sources) {
    if (envName.isEmpty()) {
      return ConfigFactory.empty();
    }
    if (!envName.matches("[A-Za-z0-9_-]+")) {
      throw ConfigError.at(
          "env", where, "'" + envName + "' is not an environment name", "letters, digits, - and _");
    }
    Path dir = configDir().resolve("env");
    Path file = dir.resolve(envName + ".conf");
    if (!Files.isRegularFile(file)) {
      throw ConfigError.at(
          "env",
          where,
          "there is no environment overlay " + Origins.relative(file.toString()),
          availableOverlays(dir));
    }
    sources.add(0, Origins.relative(file.toString()));
    return parseFile(file);
  }

  private Path configDir() {
    String named = systemProperties.get(CONFIG_FILE_PROPERTY);
    if (named != null) {
      Path parent = projectDir.resolve(named).getParent();
      return parent == null ? projectDir : parent;
    }
    return projectDir.resolve("resources");
  }

  private static String availableOverlays(Path dir) {
    Set<String> names = new TreeSet<>();
    if (Files.isDirectory(dir)) {
      try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.conf")) {
        s.forEach(p -> names.add(p.getFileName().toString().replaceFirst("\\.conf$", "")));
      } catch (IOException ignored) {
        // the list is a hint only
      }
    }
    return names.isEmpty()
        ? "an overlay file " + dir + "/<env>.conf, or -Denv= for none"
        : String.join(", ", names) + " (files in " + Origins.relative(dir.toString()) + ")";
  }

  private Config environmentLayer() {
    Config out = ConfigFactory.empty();
    for (Map.Entry<String, String> e : ENV_KEYS.entrySet()) {
      String value = environment.get(e.getKey());
      if (value != null && !value.isEmpty()) {
        out =
            ConfigFactory.parseMap(
                    Map.of(e.getValue(), value), "environment variable " + e.getKey())
                .withFallback(out);
      }
    }
    return out;
  }

  private Config systemPropertyLayer() {
    Config out = ConfigFactory.empty();
    for (Map.Entry<String, String> e : systemProperties.entrySet()) {
      String key = e.getKey();
      String root = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
      if (!ROOTS.contains(root)) {
        nearMiss(key, root);
        continue;
      }
      try {
        ConfigUtil.splitPath(key);
      } catch (ConfigException.BadPath bad) {
        throw ConfigError.at(
            key,
            "system property -D" + key,
            "this is not a valid key",
            "a dotted key such as target.baseUrl");
      }
      out =
          ConfigFactory.parseMap(Map.of(key, e.getValue()), "system property -D" + key)
              .withFallback(out);
    }
    return out;
  }

  /**
   * A system property that is one or two letters away from a perfgate key is a typo ({@code
   * -Dscenaro=stress} would otherwise run the default profile without a word). Only undotted names
   * are checked, and dotted ones whose first part is near a section of perfgate's, so the JVM's,
   * Maven's and Gatling's own properties pass untouched.
   */
  private static void nearMiss(String key, String root) {
    String near = root.length() < 4 ? null : closest(root);
    if (near == null || (key.contains(".") && !SECTIONS.contains(near))) {
      return;
    }
    {
      throw ConfigError.at(
          key,
          "system property -D" + key,
          "perfgate has no such setting; did you mean -D"
              + near
              + key.substring(root.length())
              + "?",
          "the keys of reference.conf, e.g. -Dscenario, -Dusers, -Dtarget.baseUrl");
    }
  }

  private static final Set<String> SECTIONS =
      Set.of("target", "run", "workload", "sla", "demo", "profiles", "analysis");

  private static String closest(String root) {
    for (String candidate : ROOTS) {
      if (distance(root, candidate) <= 2) {
        return candidate;
      }
    }
    return null;
  }

  /** Levenshtein distance, small strings only. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private static String envName(Config merged) {
    try {
      return merged.hasPath("env") ? String.valueOf(merged.getValue("env").unwrapped()).trim() : "";
    } catch (ConfigException e) {
      return "";
    }
  }

  /** Where -Denv, PERFGATE_ENV or a file chose the overlay, for its errors. */
  private static String envWhere(Config merged) {
    try {
      return merged.hasPath("env") ? Origins.describe(merged.getValue("env").origin()) : "";
    } catch (ConfigException e) {
      return "";
    }
  }

  private static Config resolve(Config merged, Map<String, String> variables) {
    try {
      return merged.resolve(
          ConfigResolveOptions.defaults()
              .setUseSystemEnvironment(false)
              .appendResolver(new EnvironmentResolver(variables)));
    } catch (ConfigException.UnresolvedSubstitution e) {
      Matcher m = SUBSTITUTION.matcher(e.getMessage());
      String variable = m.find() ? m.group(1) : "?";
      String where = e.origin() == null ? "" : Origins.describe(e.origin());
      throw new ConfigError(
          "Environment variable "
              + variable
              + " is not set, but "
              + (where.isEmpty() ? "the configuration" : where)
              + " requires it (${"
              + variable
              + "}). Set it before the run (export "
              + variable
              + "=...), or write ${?"
              + variable
              + "} there to make it optional.");
    } catch (ConfigException e) {
      throw new ConfigError("The configuration cannot be resolved: " + e.getMessage() + ".");
    }
  }

  private Config parseFile(Path file) {
    return parse(() -> ConfigFactory.parseFile(file.toFile(), strict()));
  }

  private static Config parse(java.util.function.Supplier<Config> parser) {
    try {
      return parser.get();
    } catch (ConfigException.Parse | ConfigException.IO e) {
      String where = e.origin() == null ? "" : Origins.describe(e.origin());
      String detail = e.getMessage();
      // Typesafe prefixes the origin; keep only the reason after it (which may hold ": " itself).
      String prefix = e.origin() == null ? "" : e.origin().description() + ": ";
      String reason = detail.startsWith(prefix) ? detail.substring(prefix.length()) : detail;
      throw new ConfigError(
          "The configuration file "
              + (where.isEmpty() ? "" : where + " ")
              + "is not valid HOCON: "
              + reason
              + ". Fix the syntax there; reference.conf shows every key in valid form.");
    }
  }

  private static ConfigParseOptions strict() {
    return ConfigParseOptions.defaults().setAllowMissing(false);
  }

  private boolean resourceExists(String relative) {
    Path file = configDir().resolve(relative);
    if (Files.isRegularFile(file)) {
      return true;
    }
    return SettingsLoader.class.getResource("/" + relative.replace(File.separatorChar, '/'))
        != null;
  }
}
