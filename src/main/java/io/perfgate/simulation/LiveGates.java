package io.perfgate.simulation;

import io.perfgate.analysis.GateJudge;
import io.perfgate.gate.Gate;
import io.perfgate.gate.Metric;
import io.perfgate.gate.Scope;
import io.perfgate.gate.Sla;
import io.perfgate.live.GateStanding;
import io.perfgate.live.LiveRecorder;
import io.perfgate.profile.ErrorBudget;
import io.perfgate.summary.Figures;
import io.perfgate.summary.GateResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every gate's standing on the measured window so far, judged by the same {@link GateJudge} as the
 * verdict, on the live figures: the whole run's and each gated request's counts (Gatling's) and
 * response times (every response time Gatling logged). A gate with nothing to judge yet reads
 * NOT_MEASURED: during the warm-up, a request not seen yet, a latency gate without a timed answer,
 * a group (groups are judged after the run), and resource gates. A percentile gate whose window
 * holds too few values yet reads NOT_ENOUGH_DATA, as the verdict would.
 */
final class LiveGates {
  private final List<Gate> gates;
  private final Sla sla;
  private final ErrorBudget budget;

  LiveGates(List<Gate> gates, Sla sla, ErrorBudget budget) {
    this.gates = List.copyOf(gates);
    this.sla = sla;
    this.budget = budget;
  }

  /** The request labels gates judge, for {@link LiveRecorder#measure}. */
  List<String> requests() {
    return gates.stream()
        .filter(g -> g.scope().kind() == Scope.Kind.REQUEST)
        .map(g -> g.scope().name())
        .distinct()
        .toList();
  }

  List<GateStanding> standings(LiveRecorder recorder) {
    List<GateStanding> out = new ArrayList<>();
    for (Gate g : gates) {
      Optional<Figures> figures = figures(g, recorder);
      GateResult r = GateJudge.judge(List.of(g), sla, budget, scope -> figures).get(0);
      String limit = g.criterion().op().symbol() + " " + g.criterion().thresholdText();
      if (r.actual().isEmpty()) {
        out.add(new GateStanding(g.name(), "", limit, GateStanding.State.NOT_MEASURED));
      } else {
        out.add(
            new GateStanding(
                g.name(),
                GateResult.withUnit(r.actual().getAsDouble(), r.unit()),
                limit,
                state(r)));
      }
    }
    return out;
  }

  private static GateStanding.State state(GateResult r) {
    return switch (r.outcome()) {
      case NOT_ENOUGH_DATA -> GateStanding.State.NOT_ENOUGH_DATA;
      case NOT_MEASURED -> GateStanding.State.NOT_MEASURED;
      case PASSED -> GateStanding.State.PASS;
      case FAILED -> GateStanding.State.FAIL;
    };
  }

  private static Optional<Figures> figures(Gate g, LiveRecorder recorder) {
    Optional<LiveRecorder.Measured> m =
        switch (g.scope().kind()) {
          case GLOBAL -> recorder.measured(null);
          case REQUEST -> recorder.measured(g.scope().name());
          case GROUP -> Optional.empty();
        };
    if (g.kind() == Gate.Kind.RESOURCE) {
      return Optional.empty();
    }
    boolean latency = g.criterion().metric().kind() == Metric.Kind.LATENCY;
    return m.filter(x -> !latency || x.answers() > 0).map(LiveRecorder.Measured::figures);
  }
}
