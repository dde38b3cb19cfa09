package io.perfgate.target;

import java.util.Locale;

/** Host names as perfgate judges them: by how they are written, never by a DNS look-up. */
public final class Hosts {
  private Hosts() {}

  /**
   * Whether the host is written as this machine's loopback: localhost, a name under .localhost, an
   * address in 127.0.0.0/8 or ::1. A name that merely resolves to 127.0.0.1 does not count.
   */
  public static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.equals("localhost")
        || h.endsWith(".localhost")
        || h.equals("::1")
        || h.equals("0:0:0:0:0:0:0:1")
        || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  }
}
