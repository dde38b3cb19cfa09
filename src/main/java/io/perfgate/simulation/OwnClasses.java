package io.perfgate.simulation;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Loads all of perfgate's classes before the load starts. Run from a class folder (Maven's
 * target/classes), every class the JVM loads for the first time is a file it must open; a run that
 * exhausts its file descriptors then cannot load the classes that judge it, and the JVM remembers
 * the failure for good. Loaded up front (a few hundred small classes, without running their
 * initialisers), they need no descriptor later. From a jar, which stays open, there is nothing to
 * do.
 */
final class OwnClasses {
  private OwnClasses() {}

  /** Returns how many classes were loaded. */
  static int preload() {
    Path root;
    try {
      var source = OwnClasses.class.getProtectionDomain().getCodeSource();
      if (source == null) {
        return 0;
      }
      root = Path.of(source.getLocation().toURI());
    } catch (URISyntaxException | RuntimeException e) {
      return 0;
    }
    if (!Files.isDirectory(root)) {
      return 0;
    }
    ClassLoader loader = OwnClasses.class.getClassLoader();
    int loaded = 0;
    try (Stream<Path> files = Files.walk(root.resolve("io").resolve("perfgate"))) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String name = root.relativize(file).toString();
        if (!name.endsWith(".class") || name.endsWith("module-info.class")) {
          continue;
        }
        try {
          Class.forName(
              name.substring(0, name.length() - ".class".length())
                  .replace(file.getFileSystem().getSeparator(), "."),
              false,
              loader);
          loaded++;
        } catch (ClassNotFoundException | LinkageError e) {
          // a class that does not load here would not load later either
        }
      }
    } catch (IOException | RuntimeException e) {
      // best effort: the run goes on without it
    }
    return loaded;
  }
}
