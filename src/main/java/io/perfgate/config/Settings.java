package io.perfgate.config;

import io.perfgate.analysis.AnalysisSettings;
import io.perfgate.gate.Gate;
import io.perfgate.gate.RegressionLimits;
import io.perfgate.gate.ResourceSla;
import io.perfgate.gate.Sla;
import io.perfgate.injector.PreflightSettings;
import io.perfgate.injector.ResponseLimit;
import io.perfgate.live.LiveSettings;
import io.perfgate.monitor.MonitorSettings;
import io.perfgate.profile.Overrides;
import io.perfgate.profile.Plan;
import io.perfgate.profile.Profile;
import io.perfgate.target.DemoSettings;
import io.perfgate.target.Target;
import io.perfgate.workload.Workload;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a run needs, validated and typed. Built once by {@link SettingsLoader}; nothing
 * downstream sees raw configuration.
 *
 * @param plan the chosen profile with overrides applied; empty when the run only lists profiles
 * @param sources the files the settings came from, most specific first, for the run's log
 * @param regression limits of the regression gates added when a baseline exists
 * @param baselines the folder of saved baselines
 * @param injectors which shard of how many injectors this run is (1 of 1 on one machine)
 * @param monitor what to sample during the run (target.monitor)
 * @param resources the resource gates (sla.resources)
 * @param preflight how a plan beyond this injector's limits is met (injector.preflight)
 * @param maxResponseSize the most of an answer perfgate's checks read (target.maxResponseSize)
 * @param heapDump whether the Gatling JVM writes a heap dump into the run's perfgate folder when it
 *     runs out of heap (run.heapDump)
 * @param live the injector's live endpoint and console rhythm (live)
 * @param given the judging settings this run was given as system properties (-Dkey=value), kept in
 *     its summary so that {@code analyze} judges it again by the same ones: the plan's, the gates',
 *     the analysis's and the shard's, never a value the run masks as a secret
 */
public record Settings(
    String scenario,
    Optional<String> env,
    Target target,
    Overrides overrides,
    Map<String, Profile> profiles,
    Optional<Plan> plan,
    Workload workload,
    Sla sla,
    DemoSettings demo,
    Duration maxDurationGrace,
    List<String> sources,
    RegressionLimits regression,
    Path baselines,
    AnalysisSettings analysis,
    Injectors injectors,
    MonitorSettings monitor,
    ResourceSla resources,
    PreflightSettings preflight,
    ResponseLimit maxResponseSize,
    boolean heapDump,
    LiveSettings live,
    Map<String, String> given) {
  public static final String LIST = "list";

  public Settings {
    profiles = Map.copyOf(profiles);
    sources = List.copyOf(sources);
    given = Map.copyOf(given);
  }

  public boolean listOnly() {
    return plan.isEmpty();
  }

  /** The chosen plan; only call when {@link #listOnly()} is false. */
  public Plan requirePlan() {
    return plan.orElseThrow(() -> new IllegalStateException("no plan: scenario=list"));
  }

  /** Gatling stops the run after this long, whatever the injection still wants. */
  public Duration maxDuration() {
    return requirePlan().total().plus(maxDurationGrace);
  }

  /** The gates this run is judged by: tier gates for its error budget, then the configured ones. */
  public List<Gate> gates() {
    return sla.gatesFor(requirePlan().profile().errorBudget());
  }
}
