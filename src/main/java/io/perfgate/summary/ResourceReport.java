package io.perfgate.summary;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What the resource samples of a run say: the series (offsets from the run's start, bytes shown as
 * MB), the target's derived figures with the leak verdict, and the injector's load.
 *
 * @param injector which injector sampled them: "" for a run of one injector, its label in a merge
 *     of several
 * @param targetProcess what the process sampler sampled, when it did
 * @param embeddedDemo the target process is the injector's own JVM (the embedded demo service)
 * @param notes problems met while sampling or judging
 */
@JsonPropertyOrder({
  "injector",
  "intervalMillis",
  "targetProcess",
  "embeddedDemo",
  "target",
  "injectorFigures",
  "series",
  "notes"
})
public record ResourceReport(
    String injector,
    long intervalMillis,
    Optional<String> targetProcess,
    boolean embeddedDemo,
    List<SeriesView> series,
    Optional<Target> target,
    @JsonProperty("injectorFigures") Optional<Injector> injectorFigures,
    List<String> notes) {
  public ResourceReport {
    series = Lists.copy(series);
    notes = Lists.copy(notes);
  }

  /** One sampled metric; values in {@code unit} ("MB" for memory). */
  public record SeriesView(String source, String metric, String unit, List<Point> points) {
    public SeriesView {
      points = Lists.copy(points);
    }
  }

  /** A sample, as a two-element JSON array: milliseconds from the run's start, the value. */
  @JsonFormat(shape = JsonFormat.Shape.ARRAY)
  @JsonPropertyOrder({"offsetMillis", "value"})
  public record Point(long offsetMillis, double value) {}

  /**
   * The target's figures after the warm-up.
   *
   * @param memorySource the series the memory figures come from, e.g. "target rss"
   * @param memoryGrowth MB per minute, the least-squares slope of resident memory over time
   * @param memoryFit R² of that line
   * @param peakRssMb the highest resident memory sampled
   * @param threadGrowth threads at the last sample minus threads at the first
   * @param fdGrowth open file descriptors at the last sample minus at the first
   */
  public record Target(
      String memorySource,
      @JsonProperty("memoryGrowthMbPerMin") OptionalDouble memoryGrowth,
      OptionalDouble memoryFit,
      OptionalDouble peakRssMb,
      @JsonProperty("avgCpuPercent") OptionalDouble avgCpu,
      @JsonProperty("peakCpuPercent") OptionalDouble peakCpu,
      OptionalDouble threadGrowth,
      OptionalDouble fdGrowth,
      Leak leak) {}

  /** Whether the target leaks memory, and why perfgate thinks so, in one sentence. */
  public record Leak(boolean leaking, boolean judged, String reason) {}

  /**
   * The injector's own JVM after the warm-up.
   *
   * @param avgCpu average CPU in percent of the cores the JVM may use
   * @param gcPercent average share of wall time spent in GC pauses
   * @param peakHeapAfterGc highest heap in use after a collection, in percent of the maximum heap
   * @param lagMillis how late an open-model run's last user started past the schedule; 0 on time
   * @param bound why the injector limited the run; empty when it did not
   */
  public record Injector(
      @JsonProperty("avgCpuPercent") double avgCpu,
      @JsonProperty("peakCpuPercent") double peakCpu,
      double gcPercent,
      @JsonProperty("peakHeapAfterGcPercent") double peakHeapAfterGc,
      @JsonProperty("injectionLagMillis") long lagMillis,
      Optional<String> bound) {}
}
