package io.perfgate.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void anExceptionAfterHalfTheContentKeepsTheOldFile(@TempDir Path dir) throws IOException {
    Path target = dir.resolve("junit.xml");
    Files.writeString(target, "old and whole");
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                AtomicFiles.write(
                    target,
                    out -> {
                      out.write("<testsuites>".repeat(10_000).getBytes(StandardCharsets.UTF_8));
                      out.flush();
                      throw new IOException("disk full");
                    }));
    assertEquals("disk full", e.getMessage());
    assertEquals("old and whole", Files.readString(target));
    assertEquals(List.of("junit.xml"), names(dir));
  }

  @Test
  void aRuntimeExceptionIsPassedOnAndCleanedUpToo(@TempDir Path dir) throws IOException {
    Path target = dir.resolve("summary.md");
    assertThrows(
        IllegalStateException.class,
        () ->
            AtomicFiles.write(
                target,
                out -> {
                  out.write('x');
                  throw new IllegalStateException("bug");
                }));
    assertEquals(List.of(), names(dir), "no half file, no temporary file");
  }

  @Test
  void replacesTheFileWithFreshContent(@TempDir Path dir) throws IOException {
    Path target = dir.resolve("sub/summary.json");
    AtomicFiles.write(target, out -> out.write("one".getBytes(StandardCharsets.UTF_8)));
    AtomicFiles.write(target, out -> out.write("two".getBytes(StandardCharsets.UTF_8)));
    assertEquals("two", Files.readString(target));
    assertEquals(List.of("summary.json"), names(dir.resolve("sub")));
  }

  @Test
  void theFileGetsOrdinaryPermissionsNotATemporaryFilesOwnerOnlyOnes(@TempDir Path dir)
      throws IOException {
    if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return;
    }
    Path plain = Files.createFile(dir.resolve("plain"));
    Path target = AtomicFiles.write(dir.resolve("index.html"), out -> out.write('x'));
    assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(target));
  }
}
