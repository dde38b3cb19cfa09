package io.perfgate.publish;

/**
 * Text fit for XML 1.0. XMLStreamWriter escapes markup but passes control characters through, and a
 * single one (an error message quoting a binary body) makes the whole junit.xml unreadable.
 */
final class XmlText {
  private XmlText() {}

  static String clean(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder sb = null;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int next = i + Character.charCount(cp);
      boolean allowed =
          cp == 0x9
              || cp == 0xA
              || cp == 0xD
              || (cp >= 0x20 && cp <= 0xD7FF)
              || (cp >= 0xE000 && cp <= 0xFFFD)
              || (cp >= 0x10000 && cp <= 0x10FFFF);
      if (!allowed && sb == null) {
        sb = new StringBuilder(text.length()).append(text, 0, i);
      }
      if (sb != null) {
        if (allowed) {
          sb.appendCodePoint(cp);
        } else {
          sb.append('\uFFFD');
        }
      }
      i = next;
    }
    return sb == null ? text : sb.toString();
  }
}
