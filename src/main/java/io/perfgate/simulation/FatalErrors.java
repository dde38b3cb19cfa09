package io.perfgate.simulation;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * Remembers the first error that can end the Gatling JVM, so that whatever finalises a run that
 * died can say why: an Error (OutOfMemoryError, StackOverflowError...) that a thread died of, or
 * that Gatling logged before it exits (its HTTP client calls System.exit(1) on any Error), or "Too
 * many open files". It listens to Gatling's logging (logback) and to uncaught exceptions.
 */
final class FatalErrors {
  private static volatile String first;

  private FatalErrors() {}

  /** Starts listening; call once, before the load. */
  static void listen() {
    Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler(
        (thread, error) -> {
          if (error instanceof Error) {
            note(error.getClass().getName(), error.getMessage());
          }
          if (previous != null) {
            previous.uncaughtException(thread, error);
          } else {
            System.err.print("Exception in thread \"" + thread.getName() + "\" ");
            error.printStackTrace();
          }
        });
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      Appender appender = new Appender();
      appender.setContext(context);
      appender.setName("perfgate-fatal-errors");
      appender.start();
      context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
    }
  }

  /** The first fatal error seen, as "java.lang.OutOfMemoryError: Java heap space". */
  static Optional<String> first() {
    return Optional.ofNullable(first);
  }

  static void note(String className, String message) {
    if (first != null) {
      return;
    }
    String seen = className + (message == null ? "" : ": " + message);
    // A class that cannot be loaded is most often a class file that cannot be opened: no
    // descriptor left. Say so, not the class's name.
    if ((className.endsWith("NoClassDefFoundError") || className.endsWith("ClassNotFoundException"))
        && descriptorsExhausted()) {
      seen = "Too many open files (" + seen + ")";
    }
    first = seen;
  }

  /** Whether this process cannot open one more file right now. */
  static boolean descriptorsExhausted() {
    try (var in = java.nio.file.Files.newInputStream(java.nio.file.Path.of("/dev/null"))) {
      return false;
    } catch (java.io.IOException e) {
      return String.valueOf(e.getMessage())
          .toLowerCase(Locale.ROOT)
          .contains("too many open files");
    }
  }

  /** Looks at what Gatling logs at ERROR, with the exception it logs. */
  static final class Appender extends AppenderBase<ILoggingEvent> {
    @Override
    protected void append(ILoggingEvent event) {
      if (first != null || !event.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.ERROR)) {
        return;
      }
      try {
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
          String message = t.getMessage() == null ? "" : t.getMessage();
          if (t.getClassName().endsWith("Error")
              || message.toLowerCase(Locale.ROOT).contains("too many open files")) {
            note(t.getClassName(), t.getMessage());
            return;
          }
        }
      } catch (RuntimeException | Error e) {
        // Out of memory here too: the JVM's own note (OnOutOfMemoryError) still says it.
      }
    }
  }
}
