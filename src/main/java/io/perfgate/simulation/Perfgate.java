package io.perfgate.simulation;

import static io.gatling.javaapi.core.CoreDsl.csv;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.jsonFile;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.core.CoreComponents;
import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.FeederBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import io.perfgate.analysis.EndNote;
import io.perfgate.analysis.Explanations;
import io.perfgate.analysis.StopJudge;
import io.perfgate.baseline.BaselineException;
import io.perfgate.config.ConfigError;
import io.perfgate.config.Settings;
import io.perfgate.config.SettingsLoader;
import io.perfgate.demo.DemoFaults;
import io.perfgate.demo.DemoOptions;
import io.perfgate.demo.DemoService;
import io.perfgate.gate.Gate;
import io.perfgate.gate.Scope;
import io.perfgate.injector.InjectorFacts;
import io.perfgate.injector.JourneyTime;
import io.perfgate.injector.Preflight;
import io.perfgate.live.ConsoleFeed;
import io.perfgate.live.JvmHealth;
import io.perfgate.live.LiveRecorder;
import io.perfgate.live.LiveServer;
import io.perfgate.live.LiveSettings;
import io.perfgate.live.ReportLink;
import io.perfgate.live.RunLabels;
import io.perfgate.live.TargetSample;
import io.perfgate.monitor.Monitor;
import io.perfgate.monitor.MonitorException;
import io.perfgate.monitor.ResourceSamples;
import io.perfgate.monitor.Series;
import io.perfgate.pipeline.RunGates;
import io.perfgate.pipeline.RunPipeline;
import io.perfgate.profile.Plan;
import io.perfgate.profile.StopCriteria;
import io.perfgate.results.RunMarker;
import io.perfgate.target.Guard;
import io.perfgate.target.Hosts;
import io.perfgate.units.Durations;
import io.perfgate.workload.Endpoint;
import io.perfgate.workload.Feeder;
import io.perfgate.workload.Journey;
import io.perfgate.workload.Step;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What a perfgate simulation needs from its settings, as Gatling DSL pieces: the protocol, the
 * requests of the configured endpoints, feeders, think time, the weighted journey mix injected by
 * the chosen profile, the gates as assertions, and the run's time limit. Creating it loads and
 * validates the settings and starts the embedded demo service when no target is configured; any
 * configuration mistake ends the JVM with a clear message before a single request is sent.
 */
public final class Perfgate {
  /**
   * System property naming the folder Gatling writes runs to; the pom sets it from
   * gatling.resultsFolder.
   */
  public static final String RESULTS_FOLDER_PROPERTY = "perfgate.resultsFolder";

  private final Settings settings;
  private final String simulation;
  private final String baseUrl;
  private final DemoService demo;
  private final RunGates gates;
  private final Optional<Monitor> monitor;
  private final long startedAt = System.currentTimeMillis();
  private final Map<String, FeederBuilder<?>> feeders = new HashMap<>();
  private final Live live;
  private final RunWatch watch;
  private final Halt halt = new Halt();
  private final Set<String> groups = new TreeSet<>();
  private volatile Path marked;

  private volatile long maxAnswer;

  /** Whether the live recorder's tap is on Gatling's stats engine. */
  private final AtomicBoolean tapped = new AtomicBoolean();

  /** What the journeys written in Java were built from, for preflight's estimate. */
  private JourneyTime javaJourneys = JourneyTime.NONE;

  private Perfgate(
      Settings settings,
      String simulation,
      String baseUrl,
      DemoService demo,
      RunGates gates,
      Optional<Monitor> monitor,
      Live live) {
    this.settings = settings;
    this.monitor = monitor;
    this.simulation = simulation;
    this.baseUrl = baseUrl;
    this.demo = demo;
    this.gates = gates;
    this.live = live;
    groups.addAll(settings.workload().configuredGroups());
    Plan plan = settings.requirePlan();
    StopCriteria stop = plan.profile().abort();
    PlanClock clock = new PlanClock(plan);
    LiveGates liveGates =
        new LiveGates(gates.gates(), settings.sla(), plan.profile().errorBudget());
    live.recorder().phases(clock.spans());
    live.recorder().progress(0, clock.plannedSeconds());
    live.recorder().measure(plan.warmUp(), stop.window(), liveGates.requests());
    // Last: the watch's thread calls back into this object.
    this.watch =
        RunWatch.start(
            new RunWatch.Judges(
                stop.active()
                    ? Optional.of(
                        new StopJudge(
                            stop, plan.warmUp(), settings.gates(), settings.sla().enoughData()))
                    : Optional.empty(),
                (int) Math.max(1, stop.window().toSeconds()),
                new StopStandings(stop, plan.warmUp(), settings.gates()),
                liveGates,
                clock),
            live.recorder(),
            halt,
            resultsFolder(),
            simulation,
            startedAt,
            this::markUnderWay);
  }

  /**
   * The run's live figures: the recorder both feeds fill, its endpoint when live.enabled, and the
   * console stream that feeds it Gatling's summaries.
   *
   * @param probing whether the recorder hears every answer's response time (for the endpoint, or
   *     for stop criteria on latency)
   */
  private record Live(
      LiveRecorder recorder,
      Optional<LiveServer> server,
      Secrets.MaskingStream console,
      boolean probing) {}

  private static Path resultsFolder() {
    return Path.of(System.getProperty(RESULTS_FOLDER_PROPERTY, "results"));
  }

  /** Loads the settings for {@code simulation}; exits the JVM on a configuration mistake. */
  public static Perfgate start(Class<?> simulation) {
    Settings settings;
    try {
      settings = SettingsLoader.load();
    } catch (ConfigError e) {
      throw Fatal.refuse(e.getMessage());
    }
    if (settings.listOnly()) {
      Fatal.done(Console.profiles(settings));
    }
    Secrets.MaskingStream console = Secrets.maskConsole(settings.target().redactor());
    FatalErrors.listen();
    OwnClasses.preload();
    Secrets.verboseLoggingWarning().ifPresent(System.err::println);
    Map<String, String> properties = new HashMap<>();
    System.getProperties()
        .stringPropertyNames()
        .forEach(k -> properties.put(k, System.getProperty(k)));
    GatlingConsole.refusal(properties).ifPresent(Fatal::refuse);
    GatlingConsole.warning(properties).ifPresent(System.err::println);
    settings
        .target()
        .guard()
        .refusal(settings.target(), Optional.ofNullable(System.getProperty(Guard.CONFIRM_PROPERTY)))
        .ifPresent(Fatal::refuse);
    GatlingTls.refusal(settings.target()).ifPresent(Fatal::refuse);
    settings.target().tlsWarning().ifPresent(w -> System.err.println("perfgate: WARNING: " + w));
    String name = simulation.getSimpleName();
    RunGates gates;
    try {
      gates = RunGates.of(settings, name);
    } catch (BaselineException e) {
      throw Fatal.refuse(e.getMessage());
    }
    DemoService demo = null;
    String baseUrl;
    if (settings.target().embedded()) {
      demo = startDemo(settings);
      baseUrl = demo.baseUrl();
    } else {
      baseUrl = settings.target().baseUrl().orElseThrow().toString();
    }
    Optional<Monitor> monitor;
    try {
      monitor = Monitor.start(settings.monitor(), demo != null);
    } catch (MonitorException e) {
      if (demo != null) {
        demo.close();
      }
      throw Fatal.refuse(ConfigError.at(e.key(), "", e.getMessage(), e.allowed()).getMessage());
    }
    Live live = startLive(settings, name, baseUrl, console, monitor, demo);
    System.out.print(
        Console.start(
            settings,
            name,
            settings.target().redactor().redact(baseUrl),
            demo != null,
            gates,
            live.server()
                .map(LiveServer::startLine)
                .orElse("off (" + LiveSettings.KEY + ".enabled = false)")));
    monitor.ifPresent(
        m ->
            System.out.println(
                "Sampling every "
                    + Durations.format(settings.monitor().interval())
                    + ": "
                    + String.join("; ", m.describe())));
    return new Perfgate(settings, name, baseUrl, demo, gates, monitor, live);
  }

  /**
   * Starts the live figures before any load: the recorder, fed from now on by Gatling's console
   * summaries, and its endpoint when live.enabled. A port in use ends the run here.
   */
  private static Live startLive(
      Settings settings,
      String simulation,
      String baseUrl,
      Secrets.MaskingStream console,
      Optional<Monitor> monitor,
      DemoService demo) {
    LiveSettings ls = settings.live();
    LiveRecorder recorder =
        new LiveRecorder(
            new RunLabels(
                simulation,
                settings.scenario(),
                settings.env().orElse(""),
                String.valueOf(settings.injectors().index())),
            baseUrl,
            ls,
            settings.target().redactor()::redact,
            Explanations::errorClass,
            System::currentTimeMillis);
    recorder.injectorHealth(new JvmHealth());
    monitor.ifPresent(m -> recorder.targetResources(() -> targetSamples(m.latest())));
    Optional<LiveServer> server = Optional.empty();
    if (ls.enabled()) {
      try {
        server = Optional.of(LiveServer.start(ls, recorder));
      } catch (LiveSettings.Invalid | IOException e) {
        monitor.ifPresent(Monitor::stop);
        if (demo != null) {
          demo.close();
        }
        throw Fatal.refuse(
            e instanceof LiveSettings.Invalid i
                ? ConfigError.at(i.key(), "", i.getMessage(), i.allowed()).getMessage()
                : "The live endpoint could not start ("
                    + e.getMessage()
                    + "). Set live.port to a free port or 0, or live.enabled = false.");
      }
      LiveServer s = server.get();
      // The endpoint answers until the JVM ends, after Gatling's report and perfgate's verdict.
      Runtime.getRuntime().addShutdownHook(new Thread(s::close, "perfgate-live-close"));
    }
    console.route(new ConsoleFeed(recorder, ls.consolePeriodSeconds()));
    StopCriteria stop = settings.requirePlan().profile().abort();
    boolean latencyStops = stop.active() && (stop.p95().isPresent() || stop.gates());
    return new Live(recorder, server, console, ls.enabled() || latencyStops);
  }

  /** The target's latest resource samples, in base units, for the live figures. */
  private static List<TargetSample> targetSamples(List<Series> latest) {
    List<TargetSample> out = new ArrayList<>();
    for (Series s : latest) {
      if (s.source().equals(Series.INJECTOR) || s.points().isEmpty()) {
        continue;
      }
      double v = s.points().get(s.points().size() - 1).value();
      String name = s.source().equals(Series.TARGET) ? s.metric() : s.key();
      switch (s.unit()) {
        case "bytes" -> out.add(new TargetSample(name, TargetSample.Unit.BYTES, v));
        case "%" -> out.add(new TargetSample(name, TargetSample.Unit.RATIO, v / 100));
        default -> out.add(new TargetSample(name, TargetSample.Unit.COUNT, v));
      }
    }
    return out;
  }

  /**
   * Gatling is building the run: the watch gets its controller, and the live recorder hears every
   * answer through a tap on its stats engine.
   */
  private void built(CoreComponents core) {
    watch.controller(core.controller());
    if (live.probing()
        && tapped.compareAndSet(false, true)
        && !StatsTap.attach(core.statsEngine(), live.recorder())) {
      System.err.println(
          "perfgate: WARNING: this Gatling's stats engine takes no tap, so the live figures and"
              + " the stop criteria see no response times in this run (perfgate expects Gatling"
              + " 3.15's data-writer stats engine).");
    }
  }

  private static DemoService startDemo(Settings settings) {
    var d = settings.demo();
    try {
      DemoOptions options =
          DemoOptions.defaults()
              .withPort(d.port())
              .withCacheTtl(d.cacheTtl())
              .withFaults(
                  new DemoFaults(
                      d.latency(),
                      d.errorRate(),
                      d.faultsAfter(),
                      d.capacity(),
                      d.overload(),
                      d.leakBytes()));
      return DemoService.start(options);
    } catch (RuntimeException e) {
      throw Fatal.refuse(
          "The embedded demo service could not start on 127.0.0.1"
              + (d.port() == 0 ? "" : ":" + d.port())
              + " ("
              + e.getMessage()
              + "). Set demo.port to a free port or 0, or set target.baseUrl to test another service.");
    }
  }

  public Settings settings() {
    return settings;
  }

  public Plan plan() {
    return settings.requirePlan();
  }

  /** The base URL requests go to: the target's, or the embedded demo service's. */
  public String baseUrl() {
    return baseUrl;
  }

  public HttpProtocolBuilder protocol() {
    HttpProtocolBuilder p =
        http.baseUrl(baseUrl)
            .disableWarmUp()
            .acceptHeader("application/json")
            .userAgentHeader("perfgate");
    for (var h : settings.target().headers().entrySet()) {
      p = p.header(h.getKey(), h.getValue());
    }
    return p;
  }

  /** The request of a configured endpoint, named after it. */
  public HttpRequestActionBuilder request(String endpoint) {
    javaJourneys = javaJourneys.plus(new JourneyTime(0, 1));
    return Requests.of(
        endpoint(endpoint),
        endpoint,
        settings.target().requestTimeout(),
        this::maxAnswer,
        settings.target().redactor()::redact);
  }

  /**
   * The same request again, by a user who just made it, reported as "&lt;endpoint&gt; (repeat)":
   * the analysis compares first and repeated requests to tell how well the target caches.
   */
  public HttpRequestActionBuilder repeatRequest(String endpoint) {
    javaJourneys = javaJourneys.plus(new JourneyTime(0, 1));
    String name = endpoint + Requests.REPEAT;
    return Requests.of(
        endpoint(endpoint),
        name,
        settings.target().requestTimeout(),
        this::maxAnswer,
        settings.target().redactor()::redact);
  }

  private Endpoint endpoint(String endpoint) {
    Endpoint e = settings.workload().endpoints().get(endpoint);
    if (e == null) {
      throw Fatal.refuse(
          ConfigError.at(
                  "workload.endpoints." + endpoint,
                  simulation,
                  "the simulation makes a request to endpoint '"
                      + endpoint
                      + "', which is not configured",
                  String.join(", ", new TreeSet<>(settings.workload().endpoints().keySet())))
              .getMessage());
    }
    return e;
  }

  /** The configured feeder, shared by every user that feeds from it. */
  public FeederBuilder<?> feeder(String name) {
    Feeder f = settings.workload().feeders().get(name);
    if (f == null) {
      throw Fatal.refuse(
          ConfigError.at(
                  "workload.feeders." + name,
                  simulation,
                  "the simulation feeds from '" + name + "', which is not configured",
                  String.join(", ", new TreeSet<>(settings.workload().feeders().keySet())))
              .getMessage());
    }
    return feeders.computeIfAbsent(name, n -> build(f));
  }

  private static FeederBuilder<?> build(Feeder f) {
    FeederBuilder<?> b = f.isJson() ? jsonFile(f.file()) : csv(f.file());
    return switch (f.strategy()) {
      case CIRCULAR -> b.circular();
      case QUEUE -> b.queue();
      case RANDOM -> b.random();
      case SHUFFLE -> b.shuffle();
    };
  }

  /** The default think time, workload.think: a random pause between min and max. */
  public ChainBuilder think() {
    javaJourneys =
        javaJourneys.plus(
            thinkTime(settings.workload().thinkMin(), settings.workload().thinkMax()));
    return pause(settings.workload().thinkMin(), settings.workload().thinkMax());
  }

  private static JourneyTime thinkTime(Duration min, Duration max) {
    return new JourneyTime((min.toMillis() + max.toMillis()) / 2.0, 0);
  }

  /** A multi-request transaction, reported (and gated) as one group. */
  public ChainBuilder group(String name, ChainBuilder chain) {
    groups.add(name);
    return exec(io.gatling.javaapi.core.CoreDsl.group(name).on(chain));
  }

  /**
   * The users of this run: the configured journeys mixed by weight, injected by the chosen profile.
   * Journeys written in configuration ({@code steps}) are built from it; the others must be among
   * {@code javaJourneys}.
   */
  public PopulationBuilder users(String scenarioName, Map<String, ChainBuilder> javaJourneys) {
    Map<String, Double> weights = new LinkedHashMap<>(plan().profile().journeys());
    if (weights.isEmpty()) {
      settings.workload().journeys().values().forEach(j -> weights.put(j.name(), j.weight()));
    }
    if (weights.isEmpty()) {
      throw Fatal.refuse(
          ConfigError.at(
                  "workload.journeys",
                  "",
                  "no journey is configured, so no user would do anything",
                  "at least one journey with a weight, e.g. journeys { browse { weight = 1, steps = [health] } }")
              .getMessage());
    }
    Map<String, ChainBuilder> chains = new LinkedHashMap<>();
    for (String name : weights.keySet()) {
      Journey j = settings.workload().journeys().get(name);
      if (j != null && j.steps().isPresent()) {
        chains.put(name, Journeys.chain(j.steps().get(), this::leaf, plan().total()));
      } else if (javaJourneys.containsKey(name)) {
        // Perfgate cannot put its halt before the requests a journey written in Java makes itself:
        // the user ends at the start of its next journey instead.
        chains.put(name, halt.before(javaJourneys.get(name)));
      } else {
        throw Fatal.refuse(
            ConfigError.at(
                    "workload.journeys." + name,
                    "",
                    "journey '"
                        + name
                        + "' has no steps, and "
                        + simulation
                        + " writes no journey of that name",
                    "steps = [...] for it, or one of the simulation's journeys: "
                        + (javaJourneys.isEmpty()
                            ? "(none)"
                            : String.join(", ", new TreeSet<>(javaJourneys.keySet()))))
                .getMessage());
      }
    }
    preflight(weights);
    return Injection.inject(
        scenario(scenarioName).exec(BuildHook.before(Journeys.mix(chains, weights), this::built)),
        plan());
  }

  /**
   * Checks, before any load, that this injector can hold the plan (see {@link Preflight}); prints
   * what it found under the plan, and refuses the run when it must.
   */
  private void preflight(Map<String, Double> weights) {
    double total = 0;
    double think = 0;
    double requests = 0;
    for (var w : weights.entrySet()) {
      Journey j = settings.workload().journeys().get(w.getKey());
      // A journey written in Java is estimated from every request and think time the simulation
      // built through perfgate (a loop counts once): an upper bound for each of them.
      JourneyTime t =
          j != null && j.steps().isPresent()
              ? JourneyTime.of(
                  j.steps().get(), settings.workload().thinkMin(), settings.workload().thinkMax())
              : javaJourneys;
      total += w.getValue();
      think += w.getValue() * t.thinkMillis();
      requests += w.getValue() * t.requests();
    }
    JourneyTime mean =
        total > 0 ? new JourneyTime(think / total, requests / total) : JourneyTime.NONE;
    Preflight.Result result =
        Preflight.check(
            new Preflight.Inputs(
                plan(),
                mean,
                settings.target().requestTimeout(),
                settings.target().embedded() || Hosts.isLoopback(settings.target().host()),
                settings.injectors().count(),
                InjectorFacts.measure(),
                settings.preflight()));
    result.lines().forEach(System.out::println);
    result.refusal().ifPresent(Fatal::refuse);
    result.warnings().forEach(w -> System.err.println("perfgate: WARNING: " + w));
    InjectorFacts facts = result.facts();
    OptionalLong limit =
        settings
            .maxResponseSize()
            .resolve(
                facts.heapMaxBytes(),
                facts.heapUsedBytes(),
                result.users(),
                settings.preflight().heapPerUserBytes());
    maxAnswer = limit.orElse(0);
    System.out.println(
        settings.maxResponseSize().describe(limit, result.users(), facts.heapMaxBytes()));
  }

  /** The most of an answer checks read, in bytes; 0 for no limit. Settled before any load. */
  private long maxAnswer() {
    return maxAnswer;
  }

  /**
   * Marks the run folder as holding a run under way, as soon as Gatling has created it (after the
   * simulation's constructor and before() have run). after() removes the marker; a marker left
   * behind tells a later {@code analyze} that the process was killed before the run ended.
   */
  private void markUnderWay(Path run) {
    if (settings.heapDump()) {
      try {
        HeapDumps.into(run.resolve(RunPipeline.FOLDER));
      } catch (IOException | RuntimeException e) {
        System.err.println(
            "perfgate: run.heapDump is on, but no heap dump can be written into "
                + run.resolve(RunPipeline.FOLDER)
                + " ("
                + e.getMessage()
                + ").");
      }
    }
    try {
      RunMarker.mark(run);
      marked = run;
      RunEnd.watch(
          settings,
          run,
          resultsFolder(),
          System.currentTimeMillis(),
          settings.target().redactor().redact(baseUrl),
          simulation);
    } catch (IOException | RuntimeException e) {
      System.err.println(
          "perfgate: could not mark "
              + run
              + " as under way ("
              + e.getMessage()
              + "); if this run is killed, `analyze` cannot tell that it was cut short unless its"
              + " log ends mid-record.");
    }
  }

  private ChainBuilder leaf(Step s) {
    if (s instanceof Step.Request r) {
      return halt.before(
          exec(
              Requests.of(
                  endpoint(r.endpoint()),
                  r.endpoint(),
                  settings.target().requestTimeout(),
                  this::maxAnswer,
                  settings.target().redactor()::redact)));
    }
    if (s instanceof Step.Think t) {
      return pause(t.min(), t.max());
    }
    if (s instanceof Step.Feed f) {
      return feed(feeder(f.feeder()));
    }
    throw new IllegalArgumentException("not a leaf step: " + s);
  }

  /**
   * The run's gates as Gatling assertions. Call after the journeys are built, so that gates on
   * groups can be checked against the groups the journeys declare.
   */
  public List<Assertion> assertions() {
    for (Gate g : gates.gates()) {
      String[] path = Assertions.gatlingPath(g.scope());
      int groupParts = g.scope().kind() == Scope.Kind.GROUP ? path.length : path.length - 1;
      for (int i = 0; i < groupParts; i++) {
        if (!groups.contains(path[i])) {
          String section = g.scope().kind() == Scope.Kind.GROUP ? "sla.groups." : "sla.requests.";
          throw Fatal.refuse(
              ConfigError.at(
                      section + g.scope().name(),
                      g.origin(),
                      "no journey of this run has a group named '" + path[i] + "'",
                      groups.isEmpty() ? "no groups are declared" : String.join(", ", groups))
                  .getMessage());
        }
      }
    }
    return Assertions.of(gates.gates());
  }

  private void clearMarker(Optional<Path> run) {
    Set<Path> dirs = new LinkedHashSet<>();
    if (marked != null) {
      dirs.add(marked);
    }
    run.ifPresent(dirs::add);
    for (Path dir : dirs) {
      try {
        RunMarker.clear(dir);
      } catch (IOException e) {
        System.err.println(
            "perfgate: could not remove "
                + RunMarker.file(dir)
                + " ("
                + e.getMessage()
                + "); delete it by hand, or `analyze` will call this complete run cut short.");
      }
    }
  }

  /** Gatling stops the run after this, whatever the injection still wants. */
  public Duration maxDuration() {
    return settings.maxDuration();
  }

  private Optional<ResourceSamples> stopMonitor() {
    try {
      return monitor.map(Monitor::stop);
    } catch (RuntimeException e) {
      System.err.println(
          "perfgate: resource sampling did not stop cleanly (" + e + "); the run has no samples.");
      return Optional.empty();
    }
  }

  /**
   * Ends the run: stops the embedded demo service, removes the run's in-progress marker (see {@link
   * RunMarker}), then reads the run's simulation.log, judges the gates on the measured window,
   * writes results/&lt;run&gt;/perfgate/ and prints the verdict. Call from the simulation's
   * after(). Never throws: a problem here must not cost the run its Gatling report.
   */
  public void after() {
    // The run is over: users that Gatling has not stopped yet send nothing more.
    halt.raise();
    // Gatling's last summary: printed now if it was not, and read before the last judgement.
    live.console().finish();
    watch.close();
    // Before the demo service stops, so the last samples are of a live target.
    Optional<ResourceSamples> samples = stopMonitor();
    if (demo != null) {
      try {
        demo.close();
      } catch (RuntimeException e) {
        System.err.println(
            "perfgate: the embedded demo service did not stop cleanly: " + e.getMessage());
      }
    }
    try {
      Path results = resultsFolder();
      // The folder marked at the start needs no listing, which an injector out of file descriptors
      // could not do.
      Optional<Path> run =
          marked != null ? Optional.of(marked) : RunFolder.find(results, simulation, startedAt);
      // The run has ended: its log is complete, whatever happens to the analysis below.
      clearMarker(run);
      if (run.isEmpty()) {
        System.err.println(
            "perfgate: no simulation.log of this run under "
                + results.toAbsolutePath()
                + "; set -D"
                + RESULTS_FOLDER_PROPERTY
                + " to Gatling's results folder to get perfgate's verdict and files.");
        return;
      }
      try {
        Secrets.maskLog(run.get().resolve("simulation.log"), settings.target().redactor());
      } catch (java.io.IOException e) {
        System.err.println(
            "perfgate: could not mask the run's secrets in its simulation.log ("
                + e.getMessage()
                + "); treat "
                + run.get()
                + " as holding credentials.");
      }
      try {
        AfterRun.finish(settings, simulation, baseUrl, gates, run.get(), samples);
      } catch (RuntimeException | Error e) {
        handOver(run.get(), e);
      }
      live.recorder().ended(reports(run.get()));
    } catch (RuntimeException | Error e) {
      System.err.println(
          "perfgate: the run's results could not be analysed ("
              + e
              + "); Gatling's report and assertions stand alone for this run.");
    } finally {
      if (!live.recorder().hasEnded()) {
        live.recorder().ended(List.of());
      }
    }
  }

  /**
   * This JVM could not judge its own run (it ran out of file descriptors and can no longer load
   * classes, or out of heap): the watcher beside it, a JVM of its own, does it. The run is marked
   * again, with a note of what went wrong, which the watcher acts on.
   */
  private void handOver(Path run, Throwable e) {
    String seen = FatalErrors.first().orElse(e.toString());
    System.err.println(
        "perfgate: this JVM could not judge the run ("
            + e
            + "); the run's watcher judges it instead.");
    try {
      long at = System.currentTimeMillis() - startedAt;
      new EndNote(
              EndNote.Cause.ofError(seen),
              seen,
              at,
              plan().level(plan().peak()),
              ProcessHandle.current().pid(),
              Runtime.getRuntime().maxMemory(),
              InjectorFacts.measure().openFilesLimit().orElse(-1),
              "",
              settings.target().redactor().redact(baseUrl))
          .write(run);
      RunMarker.mark(run);
    } catch (IOException | RuntimeException | Error again) {
      System.err.println(
          "perfgate: nor could it hand the run over ("
              + again
              + "); run `analyze "
              + run
              + "` for its verdict.");
    }
  }

  /**
   * The run's reports as file addresses on this machine, for the live page once the run has ended
   * (Gatling writes its report after this, before the JVM exits).
   */
  private static List<ReportLink> reports(Path run) {
    return List.of(
        new ReportLink(
            "Gatling report", run.resolve("index.html").toAbsolutePath().toUri().toString()),
        new ReportLink(
            "perfgate page",
            run.resolve(io.perfgate.pipeline.RunPipeline.FOLDER)
                .resolve("index.html")
                .toAbsolutePath()
                .toUri()
                .toString()));
  }
}
