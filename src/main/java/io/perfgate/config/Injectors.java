package io.perfgate.config;

/**
 * This run is shard {@code index} (from 0) of {@code count} injectors running one test together.
 */
public record Injectors(int count, int index) {
  public boolean sharded() {
    return count > 1;
  }
}
