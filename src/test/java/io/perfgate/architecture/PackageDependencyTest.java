package io.perfgate.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packages of src/main depend on each other in one direction (config → workload / profile /
 * gates → simulation → results → analysis → publish), read from the sources: every reference to
 * another perfgate package, imported or written out in full, is an edge.
 */
class PackageDependencyTest {
  private static final Pattern REFERENCE = Pattern.compile("io\\.perfgate\\.([a-z]+)\\.[A-Za-z]");
  private static final Map<String, Set<String>> GRAPH = new TreeMap<>();

  @BeforeAll
  static void read() throws IOException {
    Path root = Path.of("src", "main", "java", "io", "perfgate");
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String pkg = root.relativize(f).getName(0).toString();
        Set<String> deps = GRAPH.computeIfAbsent(pkg, k -> new TreeSet<>());
        Matcher m = REFERENCE.matcher(Files.readString(f, StandardCharsets.UTF_8));
        while (m.find()) {
          if (!m.group(1).equals(pkg)) {
            deps.add(m.group(1));
          }
        }
      }
    }
  }

  @Test
  void thePackagesHaveNoCycle() {
    for (String start : GRAPH.keySet()) {
      List<String> cycle = cycleFrom(start, start, new ArrayList<>(List.of(start)));
      assertEquals(
          List.of(), cycle, "a cycle through " + start + ": " + String.join(" -> ", cycle));
    }
  }

  @Test
  void downstreamPackagesDoNotKnowTheirSources() {
    // config builds the typed settings that other packages own (gate.Sla,
    // analysis.AnalysisSettings...)
    // and knows nothing of how a run is judged, published or kept.
    assertForbidden("config", "publish", "history", "pipeline", "simulation", "results");
    assertForbidden("analysis", "config", "publish", "history", "pipeline", "simulation", "cli");
    assertForbidden("results", "config", "analysis", "publish", "gate", "profile");
    assertForbidden("summary", "config", "analysis", "results", "publish", "history");
    assertForbidden("publish", "analysis", "config", "results", "pipeline");
  }

  private static void assertForbidden(String pkg, String... others) {
    Set<String> deps = GRAPH.getOrDefault(pkg, Set.of());
    for (String o : others) {
      assertTrue(!deps.contains(o), pkg + " must not depend on " + o + "; it depends on " + deps);
    }
  }

  private static List<String> cycleFrom(String start, String at, List<String> path) {
    for (String next : GRAPH.getOrDefault(at, Set.of())) {
      if (next.equals(start)) {
        List<String> cycle = new ArrayList<>(path);
        cycle.add(start);
        return cycle;
      }
      if (!path.contains(next)) {
        path.add(next);
        List<String> found = cycleFrom(start, next, path);
        if (!found.isEmpty()) {
          return found;
        }
        path.remove(path.size() - 1);
      }
    }
    return List.of();
  }
}
