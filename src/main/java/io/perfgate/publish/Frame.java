package io.perfgate.publish;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * A box of plain-ASCII lines, {@code | text |}, wrapped to a fixed width. Text is made ASCII here,
 * once, so no caller can slip a character a console would mangle past the frame.
 */
final class Frame {
  private final int width;
  private final int inner;
  private final StringBuilder out = new StringBuilder();

  Frame(int width) {
    this.width = width;
    this.inner = width - 4;
  }

  void rule(char c) {
    out.append('+').append(String.valueOf(c).repeat(width - 2)).append("+\n");
  }

  void line(String text) {
    line(text, 2);
  }

  /** One logical line, wrapped at spaces; continuation lines are indented by {@code indent}. */
  void line(String text, int indent) {
    for (String l : wrap(ascii(text), inner, indent)) {
      out.append("| ").append(pad(l, inner)).append(" |\n");
    }
  }

  /**
   * Fixed columns two spaces apart, each aligned as {@code align} says ('L' or 'R', one letter per
   * column). A first cell too long for its column gets a line of its own rather than being cut: the
   * name is the point of the row.
   */
  void row(String align, int[] widths, String... cells) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      String cell = ascii(cells[i]);
      if (i == 0 && cell.length() > widths[0]) {
        line(cell, 4);
        cell = "";
      }
      if (i > 0) {
        sb.append("  ");
      }
      String padding = " ".repeat(Math.max(0, widths[i] - cell.length()));
      sb.append(align.charAt(i) == 'R' ? padding + cell : cell + padding);
    }
    line(sb.toString().stripTrailing(), 4);
  }

  @Override
  public String toString() {
    return out.toString();
  }

  static List<String> wrap(String text, int width, int indent) {
    List<String> lines = new ArrayList<>();
    String rest = text;
    String prefix = "";
    while (prefix.length() + rest.length() > width) {
      int room = width - prefix.length();
      int cut = rest.lastIndexOf(' ', room);
      if (cut <= 0) {
        cut = room; // a path or a word longer than the line: break it hard
      }
      lines.add(prefix + rest.substring(0, cut).stripTrailing());
      rest = rest.substring(cut).stripLeading();
      prefix = " ".repeat(indent);
    }
    lines.add(prefix + rest);
    return lines;
  }

  /** Accents dropped (é to e), anything else outside printable ASCII shown as '?'. */
  static String ascii(String text) {
    String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
    StringBuilder sb = new StringBuilder(decomposed.length());
    for (int i = 0; i < decomposed.length(); ) {
      int cp = decomposed.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.getType(cp) == Character.NON_SPACING_MARK) {
        continue;
      }
      if (cp == '\t' || cp == '\n' || cp == '\r') {
        sb.append(' ');
      } else if (cp >= 0x20 && cp < 0x7F) {
        sb.append((char) cp);
      } else {
        sb.append('?');
      }
    }
    return sb.toString();
  }

  private static String pad(String s, int n) {
    return s.length() >= n ? s : s + " ".repeat(n - s.length());
  }
}
