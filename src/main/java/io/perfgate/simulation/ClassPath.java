package io.perfgate.simulation;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * This JVM's class path as plain entries, for starting another JVM on it. gatling-maven-plugin
 * starts Gatling with a one-jar class path (a temporary "booter" jar whose manifest lists the real
 * entries, deleted when Gatling exits), so the manifests' Class-Path entries are read out.
 */
final class ClassPath {
  private ClassPath() {}

  static String expanded() {
    Set<String> entries = new LinkedHashSet<>();
    for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
      if (entry.isBlank()) {
        continue;
      }
      entries.addAll(manifestEntries(Path.of(entry)));
      entries.add(entry);
    }
    return String.join(File.pathSeparator, entries);
  }

  /** The Class-Path entries of a jar's manifest, as file paths; none for a folder. */
  static Set<String> manifestEntries(Path jar) {
    Set<String> out = new LinkedHashSet<>();
    if (!Files.isRegularFile(jar)) {
      return out;
    }
    try (JarFile file = new JarFile(jar.toFile())) {
      Manifest manifest = file.getManifest();
      String classPath =
          manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
      if (classPath == null) {
        return out;
      }
      for (String item : classPath.trim().split("\\s+")) {
        try {
          URI uri = jar.toUri().resolve(item);
          out.add(Path.of(uri).toString());
        } catch (IllegalArgumentException e) {
          out.add(item);
        }
      }
    } catch (IOException e) {
      // not a jar: the entry itself is kept
    }
    return out;
  }
}
