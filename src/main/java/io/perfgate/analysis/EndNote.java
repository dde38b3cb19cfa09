package io.perfgate.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perfgate.files.AtomicFiles;
import io.perfgate.units.ByteSize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * How a run ended when its injector (the Gatling JVM) did not end it: out of heap, threads or file
 * descriptors, stopped by a signal, or gone without a word (kill -9, the kernel's OOM killer, a
 * crash). Written into the run's perfgate folder ({@code perfgate/ended.json}) by whatever notices
 * it first: the dying JVM's shutdown hook, or the watcher process beside it. Every later analysis
 * of the run, right after it or with {@code analyze} days later, says it in plain words.
 *
 * @param cause what ran out or what ended the JVM
 * @param detail what was seen, as the JVM or the log said it, e.g. "java.lang.OutOfMemoryError:
 *     Java heap space"; "" when nothing was
 * @param atMillis when, in ms from the start of the injection (about: the injector's own clock)
 * @param load the planned load at that moment, e.g. "380 users" or "50 users/s"; "" when unknown
 * @param pid the Gatling JVM's process id
 * @param heapMaxBytes its maximum heap; -1 when unknown
 * @param openFilesLimit its open-file limit (ulimit -n); -1 when unknown
 * @param errorFile the JVM's fatal error report (hs_err_pid*.log) when it wrote one, else ""
 * @param target the base URL the load went to (credentials masked), for the summary of a run that
 *     left no summary of its own
 */
public record EndNote(
    Cause cause,
    String detail,
    long atMillis,
    String load,
    long pid,
    long heapMaxBytes,
    long openFilesLimit,
    String errorFile,
    String target) {
  /** The note's file name inside the run's perfgate folder. */
  public static final String FILE = "ended.json";

  /**
   * Jackson, made on first use: the end watcher looks for this note every 200 ms for the whole run,
   * and an ObjectMapper made with this class would cost it a third of a CPU second at start.
   */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  /** What ended the run; {@link #id()} is the stable name in ended.json. */
  public enum Cause {
    /** The JVM ran out of heap (java.lang.OutOfMemoryError: Java heap space, GC overhead). */
    HEAP("injector-heap"),
    /**
     * The JVM could not start another thread (OutOfMemoryError: unable to create native thread).
     */
    THREADS("injector-threads"),
    /** The JVM ran out of file descriptors (Too many open files). */
    FILES("injector-files"),
    /** Gatling ended the JVM on another error. */
    ERROR("injector-error"),
    /** The JVM was stopped by SIGTERM, SIGINT or SIGHUP (Ctrl-C, a CI abort, kill). */
    STOPPED("injector-stopped"),
    /** The JVM vanished without shutting down: SIGKILL (kill -9, the OOM killer) or a crash. */
    KILLED("injector-killed");

    private final String id;

    Cause(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }

    static Cause of(String id) {
      for (Cause c : values()) {
        if (c.id.equals(id)) {
          return c;
        }
      }
      return ERROR;
    }

    /**
     * The cause an error message points to: out of heap, threads or file descriptors; ERROR for any
     * other.
     */
    public static Cause ofError(String message) {
      String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
      if (m.contains("unable to create native thread")
          || m.contains("unable to create new native thread")) {
        return THREADS;
      }
      if (m.contains("too many open files")) {
        return FILES;
      }
      if (m.contains("outofmemoryerror") || m.contains("outofdirectmemoryerror")) {
        return HEAP;
      }
      return ERROR;
    }
  }

  public EndNote {
    detail = detail == null ? "" : detail.strip();
    load = load == null ? "" : load;
    errorFile = errorFile == null ? "" : errorFile;
    target = target == null ? "" : target;
  }

  /** The same note, with the JVM's fatal error report found after it was written. */
  public EndNote withErrorFile(String file) {
    Cause c = cause == Cause.KILLED || cause == Cause.STOPPED ? Cause.KILLED : cause;
    return new EndNote(c, detail, atMillis, load, pid, heapMaxBytes, openFilesLimit, file, target);
  }

  /** The note's file in a run folder. */
  public static Path file(Path runDir) {
    return runDir.resolve("perfgate").resolve(FILE);
  }

  /** Writes the note into a run folder's perfgate folder, all or nothing. */
  public void write(Path runDir) throws IOException {
    ObjectNode node = Json.MAPPER.createObjectNode();
    node.put("cause", cause.id());
    node.put("detail", detail);
    node.put("atMillis", atMillis);
    node.put("load", load);
    node.put("pid", pid);
    node.put("heapMaxBytes", heapMaxBytes);
    node.put("openFilesLimit", openFilesLimit);
    node.put("errorFile", errorFile);
    node.put("target", target);
    node.put("text", describe());
    AtomicFiles.writeString(
        file(runDir), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n");
  }

  /** The note of the run in {@code runDir}, if its injector did not end it. */
  public static Optional<EndNote> read(Path runDir) {
    Path file = file(runDir);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      JsonNode n = Json.MAPPER.readTree(file.toFile());
      return Optional.of(
          new EndNote(
              Cause.of(n.path("cause").asText("")),
              n.path("detail").asText(""),
              n.path("atMillis").asLong(0),
              n.path("load").asText(""),
              n.path("pid").asLong(0),
              n.path("heapMaxBytes").asLong(-1),
              n.path("openFilesLimit").asLong(-1),
              n.path("errorFile").asText(""),
              n.path("target").asText("")));
    } catch (IOException e) {
      return Optional.of(
          new EndNote(
              Cause.ERROR,
              file + " is unreadable (" + e.getMessage() + ")",
              0,
              "",
              0,
              -1,
              -1,
              "",
              ""));
    }
  }

  /** The note of the run whose log is {@code log}. */
  public static Optional<EndNote> beside(Path log) {
    Path dir = log.toAbsolutePath().getParent();
    return dir == null ? Optional.empty() : read(dir);
  }

  /** Which resource ran out or what ended the JVM, when and at what load, and what to do. */
  public String describe() {
    String when = " " + clock(atMillis) + " into the run" + (load.isEmpty() ? "" : ", at " + load);
    String seen = detail.isEmpty() ? "" : " (" + detail + ")";
    String jvm = "The injector (the Gatling JVM" + (pid > 0 ? ", pid " + pid : "") + ")";
    return switch (cause) {
      case HEAP ->
          jvm
              + " ran out of heap"
              + (heapMaxBytes > 0 ? " (" + ByteSize.format(heapMaxBytes) + " at most)" : "")
              + when
              + seen
              + ", and the run ended there. Give it a larger heap (-Dperfgate.heap=2G, or -Xmx in"
              + " the jvmArgs of pom.xml), run fewer users per injector (shard the test with"
              + " -Dinjector.count), or cap the answers its checks read (target.maxResponseSize).";
      case THREADS ->
          jvm
              + " could not start another thread"
              + when
              + seen
              + ", and the run ended there. Raise this machine's limit on processes and threads"
              + " (ulimit -u, or the container's pids limit), or run fewer users per injector"
              + " (shard the test with -Dinjector.count).";
      case FILES ->
          jvm
              + " ran out of file descriptors"
              + (openFilesLimit > 0 ? " (open-file limit " + openFilesLimit + ")" : "")
              + when
              + seen
              + ": every connection takes one. Raise the limit (ulimit -n 65536 in the shell"
              + " that starts Maven, or LimitNOFILE for a service), or run fewer users per"
              + " injector (shard the test with -Dinjector.count).";
      case ERROR ->
          jvm
              + " ended on an error"
              + when
              + seen
              + ", before the run did. Gatling's console output above the verdict has the whole"
              + " error.";
      case STOPPED ->
          jvm
              + " was stopped"
              + when
              + seen
              + " by a signal (SIGTERM or SIGINT: Ctrl-C, a CI abort, or kill), before the run"
              + " ended.";
      case KILLED ->
          errorFile.isEmpty()
              ? jvm
                  + " vanished"
                  + when
                  + " without shutting down: it was killed by SIGKILL (Maven reports exit status"
                  + " 137), by the kernel's out-of-memory killer"
                  + (pid > 0 ? " (see `dmesg | grep " + pid + "`)" : "")
                  + " or by kill -9. If memory ran short, give the machine more memory or the JVM a"
                  + " heap well below it, or run fewer users per injector."
              : jvm + " crashed" + when + seen + "; the JVM's own report is " + errorFile + ".";
    };
  }

  private static String clock(long millis) {
    long seconds = Math.max(0, millis) / 1000;
    return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
  }
}
