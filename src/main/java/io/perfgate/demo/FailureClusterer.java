package io.perfgate.demo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Groups failures whose error messages differ only in their variable parts (numbers, hex ids,
 * UUIDs), the way a triage tool tells "the same bug, 300 times" from 300 different bugs.
 */
final class FailureClusterer {

  /** At most this many test names are listed per cluster; the count says how many there are. */
  static final int TESTS_PER_CLUSTER = 5;

  static final String NO_MESSAGE = "<no error message>";

  private static final int MAX_SIGNATURE_LENGTH = 500;

  private static final Pattern UUID =
      Pattern.compile(
          "\\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\b",
          Pattern.CASE_INSENSITIVE);

  // A hex id needs a digit and a letter: words like "deadbeef" or "decade" stay, and all-digit
  // tokens are left to NUMBER so "42" and "123456" normalise alike.
  private static final Pattern HEX =
      Pattern.compile(
          "\\b0x[0-9a-f]+\\b|\\b(?=[0-9a-f]*[0-9])(?=[0-9a-f]*[a-f])[0-9a-f]{6,}\\b",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern NUMBER = Pattern.compile("\\d+");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  private FailureClusterer() {}

  record Failure(String testName, String errorMessage) {}

  record Cluster(String signature, int count, String example, List<String> tests) {
    Cluster {
      tests = List.copyOf(tests);
    }
  }

  /**
   * The message with UUIDs, hex ids and numbers replaced by {@code <uuid>}, {@code <hex>}, {@code
   * <n>}.
   */
  static String signature(String message) {
    if (message == null || message.isBlank()) {
      return NO_MESSAGE;
    }
    String s = UUID.matcher(message).replaceAll("<uuid>");
    s = HEX.matcher(s).replaceAll("<hex>");
    s = NUMBER.matcher(s).replaceAll("<n>");
    s = SPACES.matcher(s.strip()).replaceAll(" ");
    return s.length() <= MAX_SIGNATURE_LENGTH ? s : s.substring(0, MAX_SIGNATURE_LENGTH) + "...";
  }

  /**
   * Clusters the failures by signature, largest cluster first, ties by signature. Each cluster's
   * example is the first message seen and its tests the first {@link #TESTS_PER_CLUSTER} names, in
   * the order given.
   */
  static List<Cluster> cluster(List<Failure> failures) {
    Map<String, Builder> bySignature = new LinkedHashMap<>();
    for (Failure f : failures) {
      bySignature
          .computeIfAbsent(signature(f.errorMessage()), s -> new Builder(s, f.errorMessage()))
          .add(f.testName());
    }
    List<Cluster> clusters = new ArrayList<>(bySignature.size());
    for (Builder b : bySignature.values()) {
      clusters.add(b.build());
    }
    clusters.sort(
        Comparator.comparingInt(Cluster::count).reversed().thenComparing(Cluster::signature));
    return clusters;
  }

  private static final class Builder {
    private final String signature;
    private final String example;
    private final List<String> tests = new ArrayList<>(TESTS_PER_CLUSTER);
    private int count;

    Builder(String signature, String example) {
      this.signature = signature;
      this.example = example == null ? "" : example;
    }

    void add(String testName) {
      count++;
      if (tests.size() < TESTS_PER_CLUSTER) {
        tests.add(testName);
      }
    }

    Cluster build() {
      return new Cluster(signature, count, example, tests);
    }
  }
}
