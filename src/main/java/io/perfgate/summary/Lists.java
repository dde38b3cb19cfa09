package io.perfgate.summary;

import java.util.List;

/** Immutable copies of lists read from JSON, where a list may be missing (an older file). */
final class Lists {
  private Lists() {}

  static <T> List<T> copy(List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }
}
