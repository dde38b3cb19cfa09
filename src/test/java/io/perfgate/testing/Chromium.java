package io.perfgate.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens a page in headless Chromium (Debian's, at /usr/bin/chromium) and returns what it made of
 * it.
 */
public final class Chromium {
  public static final Path BINARY = Path.of("/usr/bin/chromium");
  private static final Pattern PLOT =
      Pattern.compile("<div class=\"plot\" id=\"([^\"]+)\"([^>]*)>");
  private static final Pattern ATTRIBUTE = Pattern.compile("([a-z-]+)=\"([^\"]*)\"");

  private Chromium() {}

  public static boolean installed() {
    return Files.isExecutable(BINARY);
  }

  /** What Chromium made of a page: the DOM after its scripts ran, and its log. */
  public record Loaded(String dom, String log) {
    /** Each chart's element id and attributes, in page order. */
    public Map<String, Map<String, String>> plots() {
      Map<String, Map<String, String>> plots = new LinkedHashMap<>();
      Matcher m = PLOT.matcher(dom);
      while (m.find()) {
        Map<String, String> attributes = new LinkedHashMap<>();
        Matcher a = ATTRIBUTE.matcher(m.group(2));
        while (a.find()) {
          attributes.put(a.group(1), a.group(2));
        }
        plots.put(m.group(1), attributes);
      }
      return plots;
    }

    public String bodyAttribute(String name) {
      Matcher body = Pattern.compile("<body([^>]*)>").matcher(dom);
      assertTrue(body.find());
      Matcher a = Pattern.compile(name + "=\"([^\"]*)\"").matcher(body.group(1));
      return a.find() ? a.group(1) : "";
    }

    public void assertNoErrors() {
      List<String> console = new ArrayList<>();
      for (String line : log.lines().toList()) {
        // Chromium logs every console message of the page as a CONSOLE line, errors included.
        if (line.contains(":CONSOLE") || line.contains("Uncaught")) {
          console.add(line);
        }
      }
      assertEquals(List.of(), console, "the page writes nothing to the console");
      Matcher html = Pattern.compile("<html([^>]*)>").matcher(dom);
      assertTrue(html.find(), "Chromium dumped a document");
      assertFalse(html.group(1).contains("data-error"), "no script error: " + html.group(1));
    }
  }

  /**
   * A screenshot of {@code page} (1280 pixels wide, {@code height} high) into {@code png}, for
   * people to look at what a test saw; a fresh profile under {@code dir}.
   */
  public static void screenshot(Path page, Path png, int height, Path dir) throws Exception {
    Files.createDirectories(png.toAbsolutePath().getParent());
    Process chromium =
        new ProcessBuilder(
                BINARY.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--hide-scrollbars",
                "--user-data-dir=" + dir.resolve("screenshot-profile"),
                "--window-size=1280," + height,
                "--screenshot=" + png.toAbsolutePath(),
                page.toUri().toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("screenshot.log").toFile())
            .start();
    chromium.getOutputStream().close();
    try {
      assertTrue(chromium.waitFor(90, TimeUnit.SECONDS), "Chromium finished within 90 s");
    } finally {
      chromium.destroyForcibly();
    }
    assertTrue(Files.size(png) > 0, "Chromium wrote " + png);
  }

  /**
   * Loads {@code page} with a fresh profile under {@code dir}; the DOM is dumped after its scripts
   * ran.
   */
  public static Loaded load(Path page, Path dir) throws Exception {
    Path out = dir.resolve("dom.html");
    Path log = dir.resolve("chromium.log");
    Process chromium =
        new ProcessBuilder(
                BINARY.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--user-data-dir=" + dir.resolve("profile"),
                "--enable-logging=stderr",
                "--v=0",
                "--dump-dom",
                page.toUri().toString())
            .redirectOutput(out.toFile())
            .redirectError(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    try {
      assertTrue(chromium.waitFor(90, TimeUnit.SECONDS), "Chromium finished within 90 s");
    } finally {
      chromium.destroyForcibly();
    }
    String logText = Files.readString(log, StandardCharsets.UTF_8);
    assertEquals(0, chromium.exitValue(), "Chromium's exit status; its log:\n" + logText);
    return new Loaded(Files.readString(out, StandardCharsets.UTF_8), logText);
  }
}
