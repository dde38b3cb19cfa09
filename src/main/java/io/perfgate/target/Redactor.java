package io.perfgate.target;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that hides a run's secrets in text perfgate writes or prints: the values of
 * sensitive headers and of the variables named secret, credentials written in a URL
 * (https://user:password@host), and the value of any Authorization, Cookie or Set-Cookie header
 * that shows up in a message. Every secret becomes {@value #MASK}.
 */
public final class Redactor {
  public static final String MASK = "***";

  /** Values shorter than this are not masked: masking "1" would garble every figure. */
  static final int MIN_LENGTH = 4;

  public static final Redactor NONE = new Redactor(List.of());

  private static final Pattern USER_INFO =
      Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)([^/?#\\s@\"'<>]+)@");
  private static final Pattern HEADER =
      Pattern.compile(
          "(?i)\\b((?:proxy-)?authorization|set-cookie|cookie)(\"?\\s*[:=]\\s*\"?)([^\\r\\n\",}]+)");

  // Longest first, so that "Bearer abc" is masked whole before "abc" is.
  private final List<String> values;

  private Redactor(Collection<String> values) {
    Set<String> kept = new LinkedHashSet<>();
    for (String v : values) {
      if (v != null && v.strip().length() >= MIN_LENGTH) {
        kept.add(v);
        kept.add(v.strip());
      }
    }
    List<String> sorted = new ArrayList<>(kept);
    sorted.sort(Comparator.comparingInt(String::length).reversed());
    this.values = List.copyOf(sorted);
  }

  /** A redactor for these secret values (short ones are ignored, see {@link #MIN_LENGTH}). */
  public static Redactor of(Collection<String> secrets) {
    return new Redactor(secrets);
  }

  /** The secret values, longest first; never print them. */
  public List<String> values() {
    return values;
  }

  /** {@code text} with every secret, URL credential and credential header value masked. */
  public String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = text;
    for (String v : values) {
      if (out.contains(v)) {
        out = out.replace(v, MASK);
      }
    }
    out = maskUserInfo(out);
    Matcher m = HEADER.matcher(out);
    if (m.find()) {
      out = m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + r.group(2) + MASK));
    }
    return out;
  }

  /** {@code text} with the user:password part of every URL in it masked. */
  public static String maskUserInfo(String text) {
    if (text == null || !text.contains("@")) {
      return text;
    }
    return USER_INFO
        .matcher(text)
        .replaceAll(r -> Matcher.quoteReplacement(r.group(1) + MASK + "@"));
  }

  /**
   * Masks every secret value in place in a binary file's bytes, as Gatling's simulation.log stores
   * strings (Latin-1, or UTF-16 in either byte order), with a mask of the same length so that the
   * file's structure is unchanged.
   *
   * @return how many occurrences were masked
   */
  public int maskBytes(byte[] data) {
    return maskBytes(data, 0, data.length);
  }

  /** {@link #maskBytes(byte[])} on data[from, to). */
  public int maskBytes(byte[] data, int from, int to) {
    int masked = 0;
    for (String v : values) {
      for (byte[] form : forms(v)) {
        masked += maskAll(data, from, to, form);
      }
    }
    return masked;
  }

  /** The length in bytes of the longest secret in any of the encodings {@link #maskBytes} masks. */
  public int longestForm() {
    int longest = 0;
    for (String v : values) {
      for (byte[] form : forms(v)) {
        longest = Math.max(longest, form.length);
      }
    }
    return longest;
  }

  private static List<byte[]> forms(String v) {
    List<byte[]> forms = new ArrayList<>();
    forms.add(v.getBytes(StandardCharsets.UTF_8));
    if (StandardCharsets.ISO_8859_1.newEncoder().canEncode(v)) {
      forms.add(v.getBytes(StandardCharsets.ISO_8859_1));
    }
    forms.add(v.getBytes(StandardCharsets.UTF_16LE));
    forms.add(v.getBytes(StandardCharsets.UTF_16BE));
    return forms;
  }

  private static int maskAll(byte[] data, int from, int to, byte[] needle) {
    int count = 0;
    outer:
    for (int i = from; i <= to - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (data[i + j] != needle[j]) {
          continue outer;
        }
      }
      for (int j = 0; j < needle.length; j++) {
        // '*' keeps UTF-16 zero bytes where they are: only the character bytes change.
        if (needle[j] != 0) {
          data[i + j] = '*';
        }
      }
      count++;
      i += needle.length - 1;
    }
    return count;
  }

  @Override
  public String toString() {
    return "Redactor[" + values.size() + " secret values]";
  }
}
