package io.perfgate.history;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** The commit a run was built from, when it can be known cheaply; best effort, never an error. */
final class Commit {
  /** CI variables holding the commit: Jenkins' git plugin, GitLab, GitHub Actions. */
  static final List<String> VARIABLES = List.of("GIT_COMMIT", "CI_COMMIT_SHA", "GITHUB_SHA");

  private static final Pattern HASH = Pattern.compile("[0-9a-fA-F]{7,64}");
  // git answers in milliseconds; a hung git (a network file system, a lock) must not hold a run.
  private static final long GIT_TIMEOUT_MILLIS = 2_000;

  private Commit() {}

  static Optional<String> detect(Map<String, String> env, Path workingDir) {
    for (String name : VARIABLES) {
      String value = env.get(name);
      if (value != null && HASH.matcher(value.strip()).matches()) {
        return Optional.of(value.strip());
      }
    }
    return gitHead(workingDir);
  }

  static Optional<String> gitHead(Path workingDir) {
    Process git;
    try {
      git =
          new ProcessBuilder("git", "rev-parse", "--verify", "-q", "HEAD")
              .directory(workingDir.toFile())
              .redirectErrorStream(false)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
              .start();
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // no git on this machine
    }
    try {
      if (!git.waitFor(GIT_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
        git.destroyForcibly();
        return Optional.empty();
      }
      if (git.exitValue() != 0) {
        return Optional.empty(); // not a repository, or no commit yet
      }
      // The answer is one short line: it fits the pipe, so reading after the exit cannot block.
      String out;
      try (InputStream in = git.getInputStream()) {
        out = new String(in.readNBytes(200), StandardCharsets.UTF_8).strip();
      }
      return HASH.matcher(out).matches() ? Optional.of(out) : Optional.empty();
    } catch (InterruptedException e) {
      git.destroyForcibly();
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static java.io.File nullDevice() {
    return new java.io.File(
        System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null");
  }
}
