package io.perfgate.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatling.commons.stats.KO$;
import io.gatling.commons.stats.OK$;
import io.gatling.core.actor.ActorRef;
import io.gatling.core.stats.DataWritersStatsEngine;
import io.gatling.core.stats.writer.DataWriterMessage;
import io.perfgate.live.LiveRecorder;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import scala.Option;
import scala.concurrent.Promise;
import scala.concurrent.duration.FiniteDuration;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The tap on Gatling's own stats engine class: every response Gatling logs reaches the live
 * recorder with Gatling's timestamps and groups, Gatling's writers still get every message, and the
 * tap never holds up the end of a run.
 */
class StatsTapTest {
  static final long T0 = 1_700_000_000_000L;

  /** Stands for Gatling's log file and console writers: keeps what it is sent. */
  static final class Writer implements ActorRef<DataWriterMessage> {
    final List<DataWriterMessage> got = new ArrayList<>();

    @Override
    public void $bang(DataWriterMessage msg) {
      got.add(msg);
    }

    @Override
    public String name() {
      return "writer";
    }

    @Override
    public <R> Promise<R> replyPromise(FiniteDuration timeout) {
      return Promise.apply();
    }
  }

  static LiveRecorder recorder() {
    LiveRecorder r = LiveJudgesTest.plainRecorder(() -> T0 + 5_000);
    r.start(T0);
    return r;
  }

  /** Whether the histogram's {@code series} line of {@code request} reads {@code value}. */
  static boolean reads(String text, String series, String request, String value) {
    return text.lines()
        .anyMatch(
            l ->
                l.startsWith("perfgate_request_duration_seconds_" + series + "{")
                    && l.contains("request=\"" + request + "\"")
                    && l.endsWith(" " + value));
  }

  static scala.collection.immutable.List<String> groups(String... names) {
    return CollectionConverters.asScala(List.of(names)).toList();
  }

  static String metrics(LiveRecorder r) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, r.registry().scrape(), EscapingScheme.DEFAULT);
    return out.toString(StandardCharsets.UTF_8);
  }

  static DataWritersStatsEngine engine(Writer writer) {
    // logResponse uses neither the actor system nor the clock.
    return new DataWritersStatsEngine(
        CollectionConverters.asScala(List.<ActorRef<DataWriterMessage>>of(writer)).toSeq(),
        null,
        null);
  }

  @Test
  void everyResponseGatlingLogsReachesTheRecorderAndGatlingsWritersStillGetIt() throws IOException {
    Writer writer = new Writer();
    DataWritersStatsEngine engine = engine(writer);
    LiveRecorder r = recorder();
    assertTrue(StatsTap.attach(engine, r));

    engine.logResponse(
        "shop",
        groups(),
        "home",
        T0 + 100,
        T0 + 112,
        OK$.MODULE$,
        Option.apply("200"),
        Option.empty());
    engine.logResponse(
        "shop",
        groups(),
        "home",
        T0 + 300,
        T0 + 340,
        OK$.MODULE$,
        Option.apply("200"),
        Option.empty());
    // A request that got no answer: Gatling logs its wait.
    engine.logResponse(
        "shop",
        groups("checkout", "pay"),
        "card",
        T0 + 200,
        T0 + 1_200,
        KO$.MODULE$,
        Option.empty(),
        Option.apply("Request timeout to 127.0.0.1 after 1000 ms"));

    assertEquals(3, writer.got.size(), "Gatling's own writers get every message");
    String text = metrics(r);
    assertTrue(reads(text, "count", "home", "2"), text);
    assertTrue(reads(text, "sum", "home", "0.052"), text);
    assertTrue(reads(text, "sum", "checkout/pay/card", "1.0"), text);
  }

  @Test
  void theTapNeverHoldsUpTheEndOfARun() throws Exception {
    Writer writer = new Writer();
    DataWritersStatsEngine engine = engine(writer);
    assertTrue(StatsTap.attach(engine, recorder()));
    // Gatling's stop asks every writer for a promise and ends the run once all are kept.
    var field = DataWritersStatsEngine.class.getDeclaredField("dataWriters");
    field.setAccessible(true);
    @SuppressWarnings("unchecked")
    var writers =
        CollectionConverters.asJava(
            (scala.collection.immutable.Seq<ActorRef<DataWriterMessage>>) field.get(engine));
    assertEquals(2, writers.size());
    ActorRef<DataWriterMessage> tap = writers.get(1);
    Promise<Object> stopped = tap.replyPromise(FiniteDuration.apply(5, TimeUnit.SECONDS));
    assertTrue(stopped.isCompleted());
  }

  @Test
  void noEngineNoTap() {
    assertFalse(StatsTap.attach(null, recorder()));
  }
}
