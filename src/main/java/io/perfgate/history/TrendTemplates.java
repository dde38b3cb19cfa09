package io.perfgate.history;

import com.samskivert.mustache.Escapers;
import com.samskivert.mustache.Mustache;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The trend page's templates ({@code perfgate/trend/} in the class path) and the chart library it
 * inlines (uPlot, from its WebJar). The partial {@code style} is the run page's style sheet, so
 * both pages look alike. The live page inlines the same uPlot through {@link #uplotJs()} and {@link
 * #uplotCss()}.
 */
public final class TrendTemplates {
  static final String FOLDER = "/perfgate/trend/";
  static final String SHARED_STYLE = "/perfgate/templates/style.mustache";
  private static final String UPLOT_POM = "/META-INF/maven/org.webjars.npm/uplot/pom.properties";
  private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]");

  private TrendTemplates() {}

  static String render(String name, Map<String, Object> view) {
    Mustache.Compiler compiler =
        Mustache.compiler()
            .withLoader(TrendTemplates::partial)
            // A control character (from a hand-edited history) is garbage in HTML.
            .withEscaper(raw -> Escapers.HTML.escape(CONTROL.matcher(raw).replaceAll("\uFFFD")));
    try (Reader reader = open(FOLDER + name + ".mustache")) {
      return compiler.compile(reader).execute(view);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read template " + name, e);
    }
  }

  private static Reader partial(String name) throws FileNotFoundException {
    return open(name.equals("style") ? SHARED_STYLE : FOLDER + name + ".mustache");
  }

  private static Reader open(String resource) throws FileNotFoundException {
    InputStream in = TrendTemplates.class.getResourceAsStream(resource);
    if (in == null) {
      throw new FileNotFoundException(resource + " is missing from the class path.");
    }
    return new InputStreamReader(in, StandardCharsets.UTF_8);
  }

  /** A text file of {@code perfgate/trend/} (the page's own script and style). */
  static String asset(String name) {
    return text(FOLDER + name);
  }

  /** The uPlot release on the class path, e.g. "1.6.30". */
  public static String uplotVersion() {
    Properties p = new Properties();
    try (InputStream in = TrendTemplates.class.getResourceAsStream(UPLOT_POM)) {
      if (in == null) {
        throw new IllegalStateException(
            "The uPlot WebJar (org.webjars.npm:uplot) is missing from the class path; the trend"
                + " page draws its charts with it. Check pom.xml.");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + UPLOT_POM, e);
    }
    return p.getProperty("version");
  }

  /**
   * uPlot's minified script, ready to inline in a script element. Its first line, a comment with
   * the project's address, becomes the licence notice: the page names no URL at all.
   */
  public static String uplotJs() {
    String version = uplotVersion();
    String js = text(webjar(version, "dist/uPlot.iife.min.js"));
    if (js.startsWith("/*!")) {
      js = js.substring(js.indexOf("*/") + 2).stripLeading();
    }
    String license = text(webjar(version, "LICENSE")).strip().replace("*/", "* /");
    return "/*! uPlot "
        + version
        + " (the WebJar org.webjars.npm:uplot), inlined by perfgate.\n"
        + license
        + "\n*/\n"
        + inlinable(js, "script");
  }

  public static String uplotCss() {
    return inlinable(text(webjar(uplotVersion(), "dist/uPlot.min.css")), "style");
  }

  /** Text placed inside a script or style element must not end it early. */
  public static String inlinable(String text, String element) {
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.contains("</" + element) || lower.contains("<!--")) {
      throw new IllegalStateException(
          "Text to inline in a <" + element + "> element contains </" + element + " or <!--.");
    }
    return text;
  }

  private static String webjar(String version, String file) {
    return "/META-INF/resources/webjars/uplot/" + version + "/" + file;
  }

  private static String text(String resource) {
    try (InputStream in = TrendTemplates.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the class path.");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + resource, e);
    }
  }
}
