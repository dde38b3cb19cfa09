package io.perfgate.statistics;

/**
 * A figure of a run that a regression is judged on: a latency percentile (ms, higher is worse),
 * throughput (mean requests per second, lower is worse) or the error rate (percent of requests,
 * higher is worse; its changes are in percentage points).
 */
public sealed interface Figure {
  /** Throughput: mean requests per second over the measured window. */
  Figure THROUGHPUT = new Throughput();

  /** Error rate: failed requests as a percentage of all requests. */
  Figure ERRORS = new Errors();

  /** The q-quantile of response times. */
  static Figure percentile(Quantile q) {
    return new Percentile(q);
  }

  /** How the figure is named in sentences: "p95", "throughput", "errors". */
  String label();

  /** True when a higher value is worse (latency, errors), false for throughput. */
  boolean higherIsWorse();

  /** The unit of a change written in absolute terms: "ms", "rps", "points". */
  String unit();

  /** The word for a change for the worse: "slower", "lower", "higher". */
  String worse();

  /** The word for a change for the better: "faster", "higher", "lower". */
  String better();

  /** The figure's value for a window (ms, requests per second or percent); NaN when undefined. */
  double of(MeasuredSeconds run);

  /** A response-time percentile in milliseconds. */
  record Percentile(Quantile quantile) implements Figure {
    @Override
    public String label() {
      return quantile.label();
    }

    @Override
    public boolean higherIsWorse() {
      return true;
    }

    @Override
    public String unit() {
      return "ms";
    }

    @Override
    public String worse() {
      return "slower";
    }

    @Override
    public String better() {
      return "faster";
    }

    @Override
    public double of(MeasuredSeconds run) {
      var p = run.percentile(quantile);
      return p.isPresent() ? p.getAsLong() : Double.NaN;
    }
  }

  /** Mean requests per second. */
  record Throughput() implements Figure {
    @Override
    public String label() {
      return "throughput";
    }

    @Override
    public boolean higherIsWorse() {
      return false;
    }

    @Override
    public String unit() {
      return "rps";
    }

    @Override
    public String worse() {
      return "lower";
    }

    @Override
    public String better() {
      return "higher";
    }

    @Override
    public double of(MeasuredSeconds run) {
      return run.throughput();
    }
  }

  /** Failed requests in percent; changes in percentage points. */
  record Errors() implements Figure {
    @Override
    public String label() {
      return "errors";
    }

    @Override
    public boolean higherIsWorse() {
      return true;
    }

    @Override
    public String unit() {
      return "points";
    }

    @Override
    public String worse() {
      return "higher";
    }

    @Override
    public String better() {
      return "lower";
    }

    @Override
    public double of(MeasuredSeconds run) {
      return run.errorPercent();
    }
  }
}
