package io.perfgate.workload;

import java.util.Optional;

/** A check on a response, beyond its status code. */
public sealed interface Check {
  /**
   * A JSONPath that must match; optionally equal {@code is}, optionally saved under {@code saveAs}.
   */
  record JsonPath(String path, Optional<String> is, Optional<String> saveAs) implements Check {}

  /** Text the body must contain. */
  record Substring(String text) implements Check {}
}
