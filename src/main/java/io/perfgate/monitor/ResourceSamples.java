package io.perfgate.monitor;

import java.util.List;
import java.util.Optional;

/**
 * Everything the samplers recorded during one run.
 *
 * @param intervalMillis the sampling interval
 * @param targetProcess what the process sampler sampled, e.g. "pid 4242 (java ... DemoService)"
 * @param embeddedDemo true when the sampled process is the injector's own JVM, which also runs the
 *     embedded demo service: its CPU and memory are the injector's too
 * @param notes problems met while sampling (an endpoint that did not answer, a process that ended)
 */
public record ResourceSamples(
    long intervalMillis,
    Optional<String> targetProcess,
    boolean embeddedDemo,
    List<Series> series,
    List<String> notes) {
  public ResourceSamples {
    series = List.copyOf(series);
    notes = List.copyOf(notes);
  }

  public Optional<Series> find(String source, String metric) {
    return series.stream()
        .filter(s -> s.source().equals(source) && s.metric().equals(metric))
        .findFirst();
  }

  public boolean isEmpty() {
    return series.stream().allMatch(s -> s.points().isEmpty());
  }
}
