package io.perfgate.testing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** A missing tool skips a test on a developer's machine and fails it on CI. */
class RequiredToolTest {
  @Test
  void aPresentToolLetsTheTestRunAnywhere() {
    assertDoesNotThrow(() -> RequiredTool.require(true, "shellcheck", "true"));
    assertDoesNotThrow(() -> RequiredTool.require(true, "shellcheck", null));
  }

  @Test
  void aMissingToolSkipsOutsideCi() {
    var skipped =
        assertThrows(
            TestAbortedException.class, () -> RequiredTool.require(false, "shellcheck", null));
    assertTrue(skipped.getMessage().contains("shellcheck is missing"), skipped.getMessage());
    assertThrows(
        TestAbortedException.class, () -> RequiredTool.require(false, "shellcheck", "false"));
  }

  @Test
  void aMissingToolFailsOnCi() {
    var failed =
        assertThrows(
            AssertionFailedError.class, () -> RequiredTool.require(false, "shellcheck", "true"));
    assertTrue(failed.getMessage().contains("CI=true"), failed.getMessage());
    assertThrows(
        AssertionFailedError.class, () -> RequiredTool.require(false, "shellcheck", " TRUE "));
  }
}
