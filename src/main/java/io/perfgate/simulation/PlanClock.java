package io.perfgate.simulation;

import io.perfgate.live.LiveRecorder;
import io.perfgate.live.PhaseSpan;
import io.perfgate.profile.LoadModel;
import io.perfgate.profile.Plan;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a run stands in its plan at a moment: the phase it is in and, for an open model, the
 * arrivals per second the plan asks for then (ramps are linear, as Gatling injects them).
 */
final class PlanClock {
  /** The phase after the plan's last one: users still finishing their journeys. */
  static final String FINISHING = "finishing";

  private final Plan plan;
  private final List<Plan.Window> windows;

  PlanClock(Plan plan) {
    this.plan = plan;
    this.windows = plan.windows();
  }

  /** The plan's phases, in seconds from the start of the injection. */
  List<PhaseSpan> spans() {
    List<PhaseSpan> out = new ArrayList<>();
    for (Plan.Window w : windows) {
      out.add(new PhaseSpan(w.name(), seconds(w.start()), seconds(w.end())));
    }
    return out;
  }

  double plannedSeconds() {
    return seconds(plan.total());
  }

  /** The phase at {@code t} seconds into the run. */
  String phaseAt(double t) {
    for (Plan.Window w : windows) {
      if (t < seconds(w.end())) {
        return w.name();
      }
    }
    return FINISHING;
  }

  /** Arrivals per second planned at {@code t} seconds; NaN for a closed model. */
  double arrivalsAt(double t) {
    if (plan.model() != LoadModel.OPEN) {
      return Double.NaN;
    }
    double previous = 0;
    for (Plan.Window w : windows) {
      double start = seconds(w.start());
      double rampEnd = seconds(w.rampEnd());
      if (t < rampEnd) {
        return t < start ? 0 : previous + (w.level() - previous) * (t - start) / (rampEnd - start);
      }
      if (t < seconds(w.end())) {
        return w.level();
      }
      previous = w.level();
    }
    return 0;
  }

  /** Tells the recorder where the run stands now; nothing before the run started. */
  void update(LiveRecorder recorder, long nowMillis) {
    long start = recorder.startEpochMillis();
    if (start == Long.MIN_VALUE || recorder.hasEnded()) {
      return;
    }
    double t = Math.max(0, (nowMillis - start) / 1000.0);
    recorder.progress(t, plannedSeconds());
    recorder.phase(phaseAt(t));
    recorder.plannedArrivalsPerSecond(arrivalsAt(t));
  }

  private static double seconds(java.time.Duration d) {
    return d.toMillis() / 1000.0;
  }
}
