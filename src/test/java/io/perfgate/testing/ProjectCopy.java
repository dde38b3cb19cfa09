package io.perfgate.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * A copy of the project in a temporary folder, for tests that run Maven or the CI scripts on it: a
 * nested build there never touches this build's target/ folder.
 */
public final class ProjectCopy {
  /** What a clone has that a build needs. */
  private static final String[] PARTS = {
    "pom.xml", "Jenkinsfile", "src", "simulations", "resources"
  };

  private ProjectCopy() {}

  /** Copies the project (file modes kept, so scripts stay executable) and an empty results/. */
  public static void copyTo(Path to) throws IOException {
    for (String part : PARTS) {
      copyTree(Path.of(part), to.resolve(part));
    }
    Files.createDirectories(to.resolve("results"));
  }

  /** Copies one file or folder, file modes kept. */
  public static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(
              p, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }
}
