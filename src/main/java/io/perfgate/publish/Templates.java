package io.perfgate.publish;

import com.samskivert.mustache.Escapers;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.FileNotFoundException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Mustache templates under {@code perfgate/templates/} in the class path. Views are plain maps
 * and lists built by the page classes, so templates stay logic-less and no reflection is needed.
 * The compiler is strict: a name a template asks for and the view lacks fails the render instead of
 * printing an empty cell.
 */
public final class Templates {
  static final String FOLDER = "/perfgate/templates/";

  private Templates() {}

  static String render(String name, Map<String, Object> view) {
    Mustache.Compiler compiler =
        Mustache.compiler()
            .withLoader(Templates::open)
            // Control characters (an error message quoting a binary body) are invalid in XML and
            // garbage in HTML: replaced before the usual HTML escaping.
            .withEscaper(raw -> Escapers.HTML.escape(XmlText.clean(raw)));
    try (Reader reader = open(name)) {
      Template template = compiler.compile(reader);
      return template.execute(view);
    } catch (java.io.IOException e) {
      throw new UncheckedIOException("Could not read template " + name, e);
    }
  }

  private static Reader open(String name) throws FileNotFoundException {
    InputStream in = Templates.class.getResourceAsStream(FOLDER + name + ".mustache");
    if (in == null) {
      throw new FileNotFoundException(
          "Template " + FOLDER + name + ".mustache is missing from the class path.");
    }
    return new InputStreamReader(in, StandardCharsets.UTF_8);
  }

  /** A view from alternating keys and values, in order. */
  public static Map<String, Object> view(Object... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("keys and values must pair up");
    }
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      Object value = keysAndValues[i + 1];
      if (value == null) {
        // Mustache would print nothing; a null here is a bug in the view, so say where.
        throw new IllegalArgumentException("view value for '" + keysAndValues[i] + "' is null");
      }
      map.put((String) keysAndValues[i], value);
    }
    return map;
  }
}
