package io.perfgate.publish;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Some of perfgate's files could not be written. The ones in {@link #written()} are complete; the
 * others kept their previous content, if they had any. Each cause is a suppressed exception.
 */
public final class PublishException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient List<Path> written;

  PublishException(String message, List<Path> written) {
    super(message);
    this.written = List.copyOf(written);
  }

  /** The files that were written completely despite the failure. */
  public List<Path> written() {
    return written;
  }
}
