package io.perfgate.files;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file all or nothing: into a temporary file in the same folder, then one rename over the
 * target. A crash or an exception mid-way leaves the previous file as it was and no temporary file
 * behind (short of the process being killed between the write and the clean-up).
 */
public final class AtomicFiles {
  /** Writes the content to a stream; may throw at any point. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  private AtomicFiles() {}

  public static Path write(Path target, Content content) throws IOException {
    Path folder = target.toAbsolutePath().getParent();
    Files.createDirectories(folder);
    // Same folder: a rename within one file system is atomic; /tmp may be another device. Not
    // Files.createTempFile: its owner-only permissions would carry over to the published file.
    Path temp =
        folder.resolve(
            "."
                + target.getFileName()
                + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong())
                + ".tmp");
    FileChannel opened =
        FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    try {
      try (FileChannel channel = opened;
          OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel))) {
        content.writeTo(out);
        out.flush();
        // On disk before the rename, or a power cut could leave a renamed but empty file.
        channel.force(true);
      }
      move(temp, target);
    } catch (IOException | RuntimeException | Error e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
    return target;
  }

  /** Writes text as UTF-8, all or nothing. */
  public static Path writeString(Path target, String text) throws IOException {
    return write(target, out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  /** Copies a file, all or nothing. */
  public static Path copy(Path source, Path target) throws IOException {
    return write(target, out -> Files.copy(source, out));
  }

  private static void move(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      // Rare file systems cannot rename atomically; a replace still never leaves a half file.
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
