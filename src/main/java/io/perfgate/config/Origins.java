package io.perfgate.config;

import com.typesafe.config.ConfigOrigin;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns Typesafe Config origins into the short "file:line" people can open in an editor. */
final class Origins {
  private static final String MERGE_OF = "merge of ";
  private static final Pattern LINE = Pattern.compile("^(.*?): (\\d+)(?:-\\d+)?$");

  private Origins() {}

  static String describe(ConfigOrigin origin) {
    if (origin == null) {
      return "";
    }
    String line = origin.lineNumber() > 0 ? ":" + origin.lineNumber() : "";
    // A class-path resource (reference.conf) is named as such, not by where the build put it.
    if (origin.resource() != null) {
      return origin.resource() + line;
    }
    if (origin.filename() != null) {
      return relative(origin.filename()) + line;
    }
    String description = origin.description();
    if (description.startsWith(MERGE_OF)) {
      // An object set in several places: "merge of /x/perfgate.conf: 3,reference.conf @ url: 89".
      List<String> parts = new ArrayList<>();
      for (String part : description.substring(MERGE_OF.length()).split(",")) {
        parts.add(mergedPart(part.trim()));
      }
      return String.join(", ", parts);
    }
    // Typesafe appends ": <line>" or " @ <url>" to descriptions; keep the human part.
    int at = description.indexOf(" @ ");
    return at > 0 ? description.substring(0, at) + line : description;
  }

  /** One place of a merged origin as "file:line": "reference.conf @ file:/x/reference.conf: 89". */
  private static String mergedPart(String part) {
    Matcher m = LINE.matcher(part);
    String name = m.matches() ? m.group(1) : part;
    String line = m.matches() ? ":" + m.group(2) : "";
    int at = name.indexOf(" @ ");
    if (at > 0) {
      name = name.substring(0, at);
    } else if (isAbsolutePath(name)) {
      name = relative(name);
    }
    return name + line;
  }

  private static boolean isAbsolutePath(String name) {
    try {
      return Paths.get(name).isAbsolute();
    } catch (InvalidPathException e) {
      return false;
    }
  }

  static String relative(String file) {
    Path path = Paths.get(file).toAbsolutePath().normalize();
    Path cwd = Paths.get("").toAbsolutePath();
    return path.startsWith(cwd) ? cwd.relativize(path).toString() : path.toString();
  }
}
