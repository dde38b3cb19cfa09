package io.perfgate.simulation;

import io.gatling.core.actor.ActorRef;
import io.gatling.core.stats.DataWritersStatsEngine;
import io.gatling.core.stats.StatsEngine;
import io.gatling.core.stats.writer.DataWriterMessage;
import io.gatling.core.stats.writer.DataWriterMessage$LoadEvent$Response;
import io.perfgate.live.LiveRecorder;
import java.lang.reflect.Field;
import java.util.List;
import scala.concurrent.Promise;
import scala.concurrent.duration.FiniteDuration;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.BoxedUnit;

/**
 * Hears every answer Gatling logs, as Gatling logs it, the moment it is logged: a data writer of
 * its own beside Gatling's log file and console writers. Gatling 3.15 lets no one add a writer, so
 * the tap joins its stats engine's list of writers when the scenario is built ({@link #attach}).
 * Unlike Gatling's writers it is no actor: Gatling's HTTP thread calls it directly, and it hands
 * the answer's name, groups and timestamps to the live recorder (one map lookup and one short
 * lock), so the live figures and the stop criteria get each response time at once and with nothing
 * on the request path: no check, no extra step. Requests that got no answer (refused, timed out)
 * count too, with the time Gatling logs for them.
 */
final class StatsTap implements ActorRef<DataWriterMessage> {
  private final LiveRecorder recorder;

  private StatsTap(LiveRecorder recorder) {
    this.recorder = recorder;
  }

  /**
   * Adds a tap feeding {@code recorder} to Gatling's stats engine; false when this engine takes
   * none (not Gatling 3.15's data-writer engine).
   */
  static boolean attach(StatsEngine engine, LiveRecorder recorder) {
    if (!(engine instanceof DataWritersStatsEngine)) {
      return false;
    }
    try {
      Field writers = DataWritersStatsEngine.class.getDeclaredField("dataWriters");
      writers.setAccessible(true);
      @SuppressWarnings("unchecked")
      scala.collection.immutable.Seq<ActorRef<DataWriterMessage>> seq =
          (scala.collection.immutable.Seq<ActorRef<DataWriterMessage>>) writers.get(engine);
      writers.set(engine, seq.appended(new StatsTap(recorder)));
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }

  @Override
  public void $bang(DataWriterMessage msg) {
    if (msg instanceof DataWriterMessage$LoadEvent$Response r) {
      scala.collection.immutable.List<String> g = r.groupHierarchy();
      List<String> groups = g.isEmpty() ? List.of() : CollectionConverters.asJava(g);
      recorder.answered(r.name(), groups, r.startTimestamp(), r.endTimestamp());
    }
  }

  @Override
  public String name() {
    return "perfgate-live-tap";
  }

  /**
   * Gatling asks each writer for a promise before it stops it, and ends the run once all are kept:
   * the tap holds nothing to flush, so its promise is kept from the start.
   */
  @Override
  @SuppressWarnings("unchecked")
  public <R> Promise<R> replyPromise(FiniteDuration timeout) {
    return (Promise<R>) Promise.successful(BoxedUnit.UNIT);
  }
}
