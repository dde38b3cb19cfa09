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

  /**
   * Copies the project with its .gitignore into a fresh git repository and commits it all, so that
   * {@link #gitStatus} afterwards lists every file a run left outside results/.
   */
  public static void copyWithGit(Path to) throws IOException, InterruptedException {
    copyTo(to);
    Files.copy(
        Path.of(".gitignore"), to.resolve(".gitignore"), StandardCopyOption.REPLACE_EXISTING);
    Files.writeString(to.resolve("results").resolve(".gitkeep"), "");
    git(to, "init", "-q");
    git(to, "add", "-A");
    git(
        to,
        "-c",
        "user.name=perfgate",
        "-c",
        "user.email=perfgate@localhost",
        "commit",
        "-q",
        "-m",
        "copy");
  }

  /** `git status --porcelain --untracked-files=all` of a copy made by {@link #copyWithGit}. */
  public static String gitStatus(Path copy) throws IOException, InterruptedException {
    return git(copy, "status", "--porcelain", "--untracked-files=all");
  }

  private static String git(Path dir, String... args) throws IOException, InterruptedException {
    java.util.List<String> cmd =
        new java.util.ArrayList<>(java.util.List.of("git", "-C", dir.toString()));
    cmd.addAll(java.util.List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (!p.waitFor(1, java.util.concurrent.TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IOException("git " + String.join(" ", args) + " failed in " + dir + ": " + out);
    }
    return out;
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
