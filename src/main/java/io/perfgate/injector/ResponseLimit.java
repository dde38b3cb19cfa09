package io.perfgate.injector;

import io.perfgate.units.ByteSize;
import java.util.OptionalLong;

/**
 * The most bytes of an answer (once decompressed) that perfgate's checks read: target
 * .maxResponseSize, a size, {@code auto} (derived from the heap and the plan's peak concurrency at
 * start) or {@code off}.
 *
 * <p>Why a limit, and what it can bound: Gatling 3.15.1 keeps every decompressed chunk of an answer
 * whose request has a body check (HttpRequestBuilder's storeBodyParts; GatlingHttpListener retains
 * each chunk; Netty's JdkZlibDecoder inflates into heap buffers with no total limit), then its
 * checks copy the body into a String or parse it into a JSON tree, several times its size. The
 * limit is applied once the answer is complete and before any check reads it: an answer over it
 * fails its request and is dropped unread, so checks never multiply a large body. The bytes Gatling
 * holds while an answer arrives cannot be bounded from outside Gatling; an answer larger than the
 * whole heap still exhausts it, and the run then ends with the injector's verdict.
 *
 * @param bytes the limit; 0 with {@code auto} or {@code off}
 */
public record ResponseLimit(Kind kind, long bytes) {
  /** How the limit was given. */
  public enum Kind {
    AUTO,
    OFF,
    FIXED
  }

  public static final ResponseLimit AUTO = new ResponseLimit(Kind.AUTO, 0);
  public static final ResponseLimit OFF = new ResponseLimit(Kind.OFF, 0);

  /** Copies of an answer a check may hold at once: as received, as text, and parsed. */
  static final int COPIES = 3;

  /** The smallest limit auto gives: below it, preflight's heap check speaks instead. */
  static final long AUTO_FLOOR = 64 * 1024;

  /** The share of the heap left free by the users that answers may take. */
  static final double ANSWERS_SHARE = 0.5;

  public static final String ALLOWED =
      "auto (from the heap and the plan's peak users), off, or " + ByteSize.ALLOWED;

  public static ResponseLimit of(long bytes) {
    return new ResponseLimit(Kind.FIXED, bytes);
  }

  /**
   * The limit for this run: the given one, or with auto half of the heap the users leave free,
   * shared by the users active at the peak, each answer counted {@value #COPIES} times.
   */
  public OptionalLong resolve(
      long heapMaxBytes, long heapUsedBytes, double peakUsers, long heapPerUserBytes) {
    return switch (kind) {
      case OFF -> OptionalLong.empty();
      case FIXED -> OptionalLong.of(bytes);
      case AUTO -> {
        double users = Math.max(1, peakUsers);
        double free = heapMaxBytes - heapUsedBytes - users * heapPerUserBytes;
        long each = (long) (free * ANSWERS_SHARE / (users * COPIES));
        yield OptionalLong.of(Math.max(AUTO_FLOOR, each));
      }
    };
  }

  /** How the limit reads in the plan printed at start. */
  public String describe(OptionalLong resolved, double peakUsers, long heapMaxBytes) {
    if (resolved.isEmpty()) {
      return "answers: checks read them whole, however large (target.maxResponseSize = off)";
    }
    String size = ByteSize.format(resolved.getAsLong());
    return kind == Kind.AUTO
        ? String.format(
            java.util.Locale.ROOT,
            "answers: checks read at most %s of each (target.maxResponseSize = auto: half the"
                + " %s heap the users leave free, shared by %.0f users)",
            size,
            ByteSize.format(heapMaxBytes),
            Math.max(1, peakUsers))
        : "answers: checks read at most " + size + " of each (target.maxResponseSize)";
  }
}
