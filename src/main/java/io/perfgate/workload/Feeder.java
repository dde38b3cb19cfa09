package io.perfgate.workload;

/** Data for journeys from a CSV or JSON file under resources/. */
public record Feeder(String name, String file, Strategy strategy) {
  /** How records are handed out; Gatling's feeder strategies. */
  public enum Strategy {
    CIRCULAR,
    QUEUE,
    RANDOM,
    SHUFFLE
  }

  public boolean isJson() {
    return file.toLowerCase(java.util.Locale.ROOT).endsWith(".json");
  }
}
