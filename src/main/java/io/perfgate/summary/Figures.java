package io.perfgate.summary;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The figures of a set of requests (or group executions) over a span of a run: counts, response
 * times in whole milliseconds over every status, as Gatling's statistics table lists them, and
 * throughput. The one figure record of perfgate: the whole run, the measured window, a request, a
 * group, a phase, a second, a baseline and a history line all carry these.
 *
 * <p>Percentiles are exact, by nearest rank: the value at rank ceil(p * count) of the sorted
 * response times. Mean and standard deviation (population) follow Gatling's definitions. Without
 * any request every time figure is 0 and mean and stdDev are NaN.
 *
 * @param rps requests per second: count / the span's seconds (for a whole run Gatling's ceil((last
 *     event - first event) / 1000))
 */
@JsonPropertyOrder({
  "count",
  "ok",
  "ko",
  "min",
  "max",
  "mean",
  "stdDev",
  "p50",
  "p75",
  "p95",
  "p99",
  "p999",
  "rps",
  "errorPercent"
})
public record Figures(
    long count,
    long ok,
    long ko,
    long min,
    long max,
    double mean,
    double stdDev,
    long p50,
    long p75,
    long p95,
    long p99,
    long p999,
    double rps) {
  /** No request at all. */
  public static final Figures NONE =
      new Figures(0, 0, 0, 0, 0, Double.NaN, Double.NaN, 0, 0, 0, 0, 0, 0);

  /** Failed requests as a percentage of all requests; 0 when there were none. */
  @JsonProperty("errorPercent")
  public double errorPercent() {
    return count == 0 ? 0 : ko * 100.0 / count;
  }

  @JsonIgnore
  public boolean isEmpty() {
    return count == 0;
  }

  /** The same counts with no time figures: a span in which only the counts are known. */
  public static Figures countsOnly(long count, long ko, double rps) {
    return new Figures(count, count - ko, ko, 0, 0, Double.NaN, Double.NaN, 0, 0, 0, 0, 0, rps);
  }
}
