package io.perfgate.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The files of the project outside results/, target/ and .git/, for tests that run in the project
 * itself: a run that leaves a heap dump, a crash report or any other file behind shows up as the
 * difference between two snapshots, whether or not git would ignore it.
 */
public final class ProjectFiles {
  private static final Set<String> LEFT_OUT = Set.of("results", "target", ".git");

  private ProjectFiles() {}

  /** Every file under {@code project} outside results/, target/ and .git/, relative to it. */
  public static Set<String> outsideResults(Path project) throws IOException {
    try (Stream<Path> files = Files.walk(project)) {
      return files
          .filter(p -> !p.equals(project))
          .filter(p -> !LEFT_OUT.contains(project.relativize(p).getName(0).toString()))
          .filter(Files::isRegularFile)
          .map(p -> project.relativize(p).toString())
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  /** The files in {@code after} that were not in {@code before}. */
  public static Set<String> added(Set<String> before, Set<String> after) {
    Set<String> added = new TreeSet<>(after);
    added.removeAll(before);
    return added;
  }
}
