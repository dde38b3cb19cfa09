package io.perfgate.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.perfgate.demo.FailureClusterer.Cluster;
import io.perfgate.demo.FailureClusterer.Failure;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FailureClustererTest {

  @Test
  void signatureReplacesNumbersHexIdsAndUuids() {
    assertEquals(
        "expected status <n> but was <n>",
        FailureClusterer.signature("expected status 200 but was 503"));
    assertEquals(
        "Deadlock detected on transaction <hex>",
        FailureClusterer.signature("Deadlock detected on transaction 0x7F3A"));
    assertEquals(
        "checksum mismatch for block <hex>",
        FailureClusterer.signature("checksum mismatch for block a3f9c2e1"));
    assertEquals(
        "request <uuid> failed",
        FailureClusterer.signature("request 123e4567-e89b-12d3-a456-426614174000 failed"));
    assertEquals(
        "peer <n>.<n>.<n>.<n>:<n> down", FailureClusterer.signature("peer 10.0.3.4:8080  down"));
  }

  @Test
  void signatureKeepsOrdinaryWords() {
    // Hex-looking words without digits are words; long numbers are numbers, not hex ids.
    assertEquals("deadbeef decade faced", FailureClusterer.signature("deadbeef decade faced"));
    assertEquals("took <n> ms", FailureClusterer.signature("took 1234567 ms"));
  }

  @Test
  void blankMessagesShareOneSignature() {
    assertEquals(FailureClusterer.NO_MESSAGE, FailureClusterer.signature(null));
    assertEquals(FailureClusterer.NO_MESSAGE, FailureClusterer.signature("  "));
  }

  @Test
  void clustersAreSortedByCountThenSignatureWithFiveTestsAtMost() {
    List<Failure> failures = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      failures.add(new Failure("timeout-" + i, "timeout after " + (100 + i) + " ms"));
    }
    failures.add(new Failure("b1", "beta failed 1"));
    failures.add(new Failure("a1", "alpha failed 1"));
    failures.add(new Failure("a2", "alpha failed 2"));
    failures.add(new Failure("b2", "beta failed 2"));
    failures.add(new Failure("n1", null));

    List<Cluster> clusters = FailureClusterer.cluster(failures);

    assertEquals(
        List.of(
            "timeout after <n> ms",
            "alpha failed <n>",
            "beta failed <n>",
            FailureClusterer.NO_MESSAGE),
        clusters.stream().map(Cluster::signature).toList());
    Cluster timeouts = clusters.get(0);
    assertEquals(7, timeouts.count());
    assertEquals("timeout after 100 ms", timeouts.example());
    assertEquals(
        List.of("timeout-0", "timeout-1", "timeout-2", "timeout-3", "timeout-4"), timeouts.tests());
    assertEquals(List.of("a1", "a2"), clusters.get(1).tests());
    assertEquals("", clusters.get(3).example());
  }

  @Test
  void eachSeedTemplateNormalisesToOneSignaturePerWordChoice() {
    Random random = new Random(7);
    Set<String> all = new HashSet<>();
    for (String template : Seeder.TEMPLATES) {
      Set<String> signatures = new HashSet<>();
      for (int i = 0; i < 50; i++) {
        String message = Seeder.fill(template, random);
        assertFalse(message.contains("{"), message);
        signatures.add(FailureClusterer.signature(message));
      }
      // Only word choices such as the table name may split a template into several clusters.
      int expected = template.contains("{orders|") ? 3 : template.contains("PENDING") ? 2 : 1;
      assertEquals(expected, signatures.size(), template + " -> " + signatures);
      signatures.forEach(sig -> assertFalse(sig.matches(".*\\d.*"), sig));
      all.addAll(signatures);
    }
    assertEquals(43, all.size());
  }
}
