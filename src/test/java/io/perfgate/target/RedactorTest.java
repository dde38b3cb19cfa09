package io.perfgate.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {
  private final Redactor r = Redactor.of(List.of("Bearer abc-123-xyz", "abc-123-xyz", "ab"));

  @Test
  void secretValuesAreMaskedLongestFirst() {
    assertEquals("got *** then ***", r.redact("got Bearer abc-123-xyz then abc-123-xyz"));
  }

  @Test
  void shortValuesAreLeftAloneSoFiguresStayReadable() {
    assertEquals("about 12 ab", r.redact("about 12 ab"));
  }

  @Test
  void urlCredentialsAreMasked() {
    assertEquals(
        "GET https://***@host.example/x failed",
        Redactor.NONE.redact("GET https://user:pw@host.example/x failed"));
    assertEquals("mail a@b.example", Redactor.NONE.redact("mail a@b.example"));
  }

  @Test
  void credentialHeadersInMessagesAreMasked() {
    assertEquals(
        "echo Authorization: ***, next",
        Redactor.NONE.redact("echo Authorization: Basic dXNlcjpwdw== and more, next"));
    assertEquals("Set-Cookie=***", Redactor.NONE.redact("Set-Cookie=sid=42"));
    assertEquals("{\"cookie\":\"***\"}", Redactor.NONE.redact("{\"cookie\":\"sid=42\"}"));
  }

  @Test
  void binaryMaskingKeepsTheLengthAndHidesEveryEncoding() {
    String text = "a abc-123-xyz b";
    byte[] latin = text.getBytes(StandardCharsets.ISO_8859_1);
    byte[] utf16 = text.getBytes(StandardCharsets.UTF_16LE);
    byte[] both = new byte[latin.length + utf16.length];
    System.arraycopy(latin, 0, both, 0, latin.length);
    System.arraycopy(utf16, 0, both, latin.length, utf16.length);
    int masked = r.maskBytes(both);
    assertEquals(2, masked);
    assertEquals(latin.length + utf16.length, both.length);
    String first = new String(both, 0, latin.length, StandardCharsets.ISO_8859_1);
    String second = new String(both, latin.length, utf16.length, StandardCharsets.UTF_16LE);
    assertEquals("a *********** b", first);
    assertEquals("a *********** b", second);
    assertFalse(new String(both, StandardCharsets.ISO_8859_1).contains("abc-123"));
  }
}
