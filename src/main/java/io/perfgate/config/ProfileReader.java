package io.perfgate.config;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.perfgate.profile.ErrorBudget;
import io.perfgate.profile.LoadModel;
import io.perfgate.profile.Phase;
import io.perfgate.profile.Profile;
import io.perfgate.profile.StopCriteria;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Reads and validates the `profiles` section. */
final class ProfileReader {
  private static final Map<String, LoadModel> MODELS =
      Map.of("closed", LoadModel.CLOSED, "open", LoadModel.OPEN);
  private static final Map<String, ErrorBudget> BUDGETS =
      Map.of("normal", ErrorBudget.NORMAL, "high", ErrorBudget.HIGH, "stress", ErrorBudget.STRESS);

  private ProfileReader() {}

  static Map<String, Profile> read(Node profiles, Duration defaultWarmUp, Node defaultAbort) {
    Map<String, Profile> out = new TreeMap<>();
    for (String name : profiles.keys()) {
      if (name.equals(io.perfgate.config.Settings.LIST)) {
        throw profiles.error(
            name, "'list' is reserved for -Dscenario=list", "any other profile name");
      }
      out.put(name, profile(name, profiles.child(name), defaultWarmUp, defaultAbort));
    }
    if (out.isEmpty()) {
      throw ConfigError.at(
          "profiles", "", "no profile is defined", "at least one profile, see reference.conf");
    }
    return out;
  }

  private static Profile profile(String name, Node p, Duration defaultWarmUp, Node defaultAbort) {
    p.rejectUnknown(
        Set.of(
            "description",
            "model",
            "errorBudget",
            "phases",
            "steps",
            "repeat",
            "journeys",
            "warmUp",
            "abort"));
    LoadModel model = p.oneOf("model", MODELS);
    ErrorBudget budget = p.oneOf("errorBudget", BUDGETS);
    String description = p.has("description") ? p.string("description") : "";
    List<Phase> phases;
    if (p.has("phases") == p.has("steps")) {
      throw ConfigError.at(
          p.key(),
          p.where(),
          "a profile needs exactly one of `phases` or `steps`",
          "phases = [ { name, level, ramp, hold } ... ] or steps = { levels = [...], ramp, hold }");
    }
    phases = p.has("phases") ? phases(p, model) : steps(p.child("steps"), model);
    int repeat = p.has("repeat") ? p.integer("repeat", 1) : 1;
    if (repeat > 1) {
      List<Phase> repeated = new ArrayList<>();
      for (int i = 1; i <= repeat; i++) {
        for (Phase ph : phases) {
          repeated.add(new Phase(ph.name() + " " + i, ph.level(), ph.ramp(), ph.hold()));
        }
      }
      phases = repeated;
    }
    if (phases.stream().noneMatch(ph -> ph.level() > 0)) {
      throw ConfigError.at(
          p.key(),
          p.where(),
          "every phase has level 0, so no load would be sent",
          "at least one phase with a level above 0");
    }
    if (phases.stream().allMatch(ph -> ph.hold().isZero() && ph.ramp().isZero())) {
      throw ConfigError.at(
          p.key(), p.where(), "every phase lasts no time", "phases with a ramp or hold above 0");
    }
    Map<String, Double> journeys = new LinkedHashMap<>();
    if (p.has("journeys")) {
      Node j = p.child("journeys");
      for (String journey : j.keys()) {
        journeys.put(journey, j.number(journey, false));
      }
    }
    Duration warmUp = p.has("warmUp") ? p.duration("warmUp", true) : defaultWarmUp;
    StopCriteria abort =
        StopCriteriaReader.read(p.has("abort") ? p.child("abort") : null, defaultAbort);
    return new Profile(name, description, model, budget, phases, journeys, warmUp, abort);
  }

  private static List<Phase> phases(Node p, LoadModel model) {
    List<? extends ConfigValue> list = p.list("phases");
    if (list.isEmpty()) {
      throw p.error("phases", "the list is empty", "at least one { name, level, ramp, hold }");
    }
    List<Phase> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      ConfigValue v = list.get(i);
      if (v.valueType() != ConfigValueType.OBJECT) {
        throw ConfigError.at(
            p.key("phases") + "[" + i + "]",
            Origins.describe(v.origin()),
            "expected { name, level, ramp, hold }, got " + Node.describe(v),
            "an object { name = steady, level = 10, ramp = 10s, hold = 50s }");
      }
      Node ph = p.element("phases", i, (ConfigObject) v);
      ph.rejectUnknown(Set.of("name", "level", "ramp", "hold"));
      String name = ph.has("name") ? ph.string("name") : "phase " + (i + 1);
      out.add(
          new Phase(
              name,
              level(ph, "level", model),
              ph.duration("ramp", true),
              ph.duration("hold", true)));
    }
    return out;
  }

  private static List<Phase> steps(Node s, LoadModel model) {
    s.rejectUnknown(Set.of("levels", "ramp", "hold"));
    List<? extends ConfigValue> levels = s.list("levels");
    if (levels.isEmpty()) {
      throw s.error("levels", "the list is empty", "levels such as [100, 200, 400]");
    }
    Duration ramp = s.duration("ramp", true);
    Duration hold = s.duration("hold", false);
    List<Phase> out = new ArrayList<>();
    for (int i = 0; i < levels.size(); i++) {
      Object raw = levels.get(i).unwrapped();
      double level = parseLevel(raw, model);
      if (Double.isNaN(level) || level <= 0) {
        throw ConfigError.at(
            s.key("levels") + "[" + i + "]",
            Origins.describe(levels.get(i).origin()),
            "'" + raw + "' is not a level",
            levelsAllowed(model));
      }
      out.add(new Phase("step " + (i + 1), level, ramp, hold));
    }
    return out;
  }

  private static double level(Node ph, String key, LoadModel model) {
    Object raw = ph.value(key).unwrapped();
    double level = parseLevel(raw, model);
    if (Double.isNaN(level) || level < 0) {
      throw ph.error(key, "'" + raw + "' is not a level", levelsAllowed(model));
    }
    return level;
  }

  private static double parseLevel(Object raw, LoadModel model) {
    try {
      double d =
          raw instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(raw));
      if (model == LoadModel.CLOSED && d != Math.rint(d)) {
        return Double.NaN;
      }
      return Double.isInfinite(d) ? Double.NaN : d;
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private static String levelsAllowed(LoadModel model) {
    return model == LoadModel.CLOSED
        ? "a whole number of concurrent users, 0 or more"
        : "new users per second, 0 or more (e.g. 12.5)";
  }

  /**
   * A profile's journey weights must name journeys the workload has. The weights reference.conf
   * gives its own profiles (burst, heavy) fit the tracker project's journeys: they are checked only
   * when that profile is the one to run, so that other projects can load.
   */
  static void checkJourneys(
      Node profiles, Map<String, Profile> all, Set<String> journeys, String scenario) {
    for (Profile p : all.values()) {
      Node node = profiles.child(p.name()).child("journeys");
      for (String j : p.journeys().keySet()) {
        boolean fromReference = "reference.conf".equals(node.value(j).origin().resource());
        if (!journeys.contains(j) && (p.name().equals(scenario) || !fromReference)) {
          throw node.error(
              j,
              "there is no journey '" + j + "' in workload.journeys",
              journeys.isEmpty()
                  ? "none are configured"
                  : String.join(", ", new java.util.TreeSet<>(journeys)));
        }
      }
    }
  }
}
