package io.perfgate.results;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes simulation.log files byte for byte as gatling-core 3.15.1's LogFileDataWriter and
 * BufferedFileChannelWriter do, for what a real run cannot easily produce: unmatched incoming
 * messages, millions of records, strings in any coder. (Gatling's own writer needs
 * --add-opens=java.base/java.lang, which the test JVM does not have.)
 */
public final class SyntheticLog implements AutoCloseable {
  private final DataOutputStream out;
  private final Map<String, Integer> cache = new HashMap<>();
  private final Map<String, Integer> scenarios = new HashMap<>();
  private int next = 1; // BufferedFileChannelWriter.stringCacheCurrentIndex starts at 1

  public SyntheticLog(Path file, String version, long start, List<String> scenarioNames)
      throws IOException {
    out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
    out.writeByte(0);
    string(version);
    string("io.perfgate.results.Synthetic");
    out.writeLong(start);
    string("");
    out.writeInt(scenarioNames.size());
    for (int i = 0; i < scenarioNames.size(); i++) {
      string(scenarioNames.get(i));
      scenarios.put(scenarioNames.get(i), i);
    }
    out.writeInt(1); // one assertion, opaque bytes (boopickle): must be skipped
    out.writeInt(3);
    out.write(new byte[] {1, 2, 3});
  }

  public SyntheticLog request(
      List<String> groups, String name, int start, int end, boolean ok, String message)
      throws IOException {
    out.writeByte(1);
    groups(groups);
    cached(name);
    out.writeInt(start);
    out.writeInt(end);
    out.writeBoolean(ok);
    cached(message);
    return this;
  }

  public SyntheticLog user(String scenario, boolean start, int timestamp) throws IOException {
    out.writeByte(2);
    out.writeInt(scenarios.get(scenario));
    out.writeBoolean(start);
    out.writeInt(timestamp);
    return this;
  }

  public SyntheticLog group(List<String> groups, int start, int end, int cumulated, boolean ok)
      throws IOException {
    out.writeByte(3);
    groups(groups);
    out.writeInt(start);
    out.writeInt(end);
    out.writeInt(cumulated);
    out.writeBoolean(ok);
    return this;
  }

  SyntheticLog error(String message, int timestamp) throws IOException {
    out.writeByte(4);
    cached(message);
    out.writeInt(timestamp);
    return this;
  }

  private void groups(List<String> groups) throws IOException {
    out.writeInt(groups.size());
    for (String g : groups) {
      cached(g);
    }
  }

  private void cached(String s) throws IOException {
    Integer i = cache.get(s);
    if (i == null) {
      out.writeInt(next);
      string(s);
      cache.put(s, next++);
    } else {
      out.writeInt(-i);
    }
  }

  /** The JDK's compact string: Latin-1 bytes and coder 0, or UTF-16 in native order and coder 1. */
  private void string(String s) throws IOException {
    if (s.isEmpty()) {
      out.writeInt(0);
      return;
    }
    boolean latin1 = s.chars().allMatch(c -> c < 256);
    byte[] bytes;
    if (latin1) {
      bytes = s.getBytes(StandardCharsets.ISO_8859_1);
    } else {
      ByteBuffer b = ByteBuffer.allocate(s.length() * 2).order(ByteOrder.nativeOrder());
      s.chars().forEach(c -> b.putChar((char) c));
      bytes = b.array();
    }
    out.writeInt(bytes.length);
    out.write(bytes);
    out.writeByte(latin1 ? 0 : 1);
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
