package io.perfgate.live;

import com.samskivert.mustache.Escapers;
import com.samskivert.mustache.Mustache;
import io.perfgate.history.TrendTemplates;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The live page's HTML, from {@code perfgate/live/live.mustache}: one self-contained document
 * (uPlot, style and script inlined, so it loads nothing but its own data), rendered once per run.
 * The partial {@code style} is the run page's style sheet, so all perfgate pages look alike.
 */
final class LivePage {
  static final String FOLDER = "/perfgate/live/";
  static final String SHARED_STYLE = "/perfgate/templates/style.mustache";

  /** How often the page asks for its data. */
  static final int REFRESH_MILLIS = 1000;

  private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]");

  private LivePage() {}

  /** The page of a run; every text in it is already masked by the recorder. */
  static String render(LiveView.Run run) {
    Map<String, Object> view = new HashMap<>();
    view.put("simulation", run.labels().simulation());
    view.put("profile", run.labels().profile());
    view.put("env", run.labels().env());
    view.put("injector", run.labels().injector());
    view.put("target", run.target().isEmpty() ? "\u2014" : run.target());
    view.put("historySeconds", run.historySeconds());
    view.put("historyText", historyText(run.historySeconds()));
    view.put("reviseSeconds", SecondRing.RECENT);
    view.put("refreshMillis", REFRESH_MILLIS);
    view.put("uplotVersion", TrendTemplates.uplotVersion());
    view.put("uplotCss", TrendTemplates.uplotCss());
    view.put("uplotJs", TrendTemplates.uplotJs());
    view.put("liveCss", TrendTemplates.inlinable(text(FOLDER + "live.css"), "style"));
    view.put("liveJs", TrendTemplates.inlinable(text(FOLDER + "live.js"), "script"));
    Mustache.Compiler compiler =
        Mustache.compiler()
            // A run without an environment shows none, not an empty one.
            .emptyStringIsFalse(true)
            .withLoader(LivePage::partial)
            .withEscaper(raw -> Escapers.HTML.escape(CONTROL.matcher(raw).replaceAll("\uFFFD")));
    try (Reader reader = open(FOLDER + "live.mustache")) {
      return compiler.compile(reader).execute(view);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the live page's template", e);
    }
  }

  static String historyText(int seconds) {
    if (seconds % 3600 == 0) {
      return seconds / 3600 + (seconds == 3600 ? " hour" : " hours");
    }
    if (seconds % 60 == 0) {
      return seconds / 60 + (seconds == 60 ? " minute" : " minutes");
    }
    return seconds + " seconds";
  }

  private static Reader partial(String name) throws FileNotFoundException {
    return open(name.equals("style") ? SHARED_STYLE : FOLDER + name + ".mustache");
  }

  private static Reader open(String resource) throws FileNotFoundException {
    InputStream in = LivePage.class.getResourceAsStream(resource);
    if (in == null) {
      throw new FileNotFoundException(resource + " is missing from the class path.");
    }
    return new InputStreamReader(in, StandardCharsets.UTF_8);
  }

  private static String text(String resource) {
    try (InputStream in = LivePage.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the class path.");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + resource, e);
    }
  }
}
