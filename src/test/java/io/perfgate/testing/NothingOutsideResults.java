package io.perfgate.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For test classes whose runs start in the project folder itself: fails the class when its runs
 * left any file in the project outside results/ (and target/), a heap dump or crash report
 * included, which `git status` would offer to add or .gitignore would hide.
 */
public final class NothingOutsideResults implements BeforeAllCallback, AfterAllCallback {
  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(NothingOutsideResults.class);
  private static final Path PROJECT = Path.of("").toAbsolutePath();

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    context.getStore(NS).put("before", ProjectFiles.outsideResults(PROJECT));
  }

  @Override
  @SuppressWarnings("unchecked")
  public void afterAll(ExtensionContext context) throws Exception {
    Set<String> before = (Set<String>) context.getStore(NS).get("before");
    Set<String> added = ProjectFiles.added(before, ProjectFiles.outsideResults(PROJECT));
    assertEquals(Set.of(), added, "files the runs left in the project outside results/");
  }
}
