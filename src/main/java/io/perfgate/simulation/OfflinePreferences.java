package io.perfgate.simulation;

import java.util.HashMap;
import java.util.Map;
import java.util.prefs.AbstractPreferences;
import java.util.prefs.Preferences;
import java.util.prefs.PreferencesFactory;

/**
 * Keeps Gatling from looking up its latest release on the internet at every start. Gatling does
 * that unless its Java preferences say it checked within the last hour; these in-memory preferences
 * always say it just did. Selected in the Gatling JVM with {@code
 * -Djava.util.prefs.PreferencesFactory=io.perfgate.simulation.OfflinePreferences} (the pom sets
 * it), and they never touch the user's real preferences.
 */
public final class OfflinePreferences implements PreferencesFactory {
  /** The JVM option that installs this factory. */
  public static final String JVM_OPTION =
      "-Djava.util.prefs.PreferencesFactory=" + OfflinePreferences.class.getName();

  private static final Preferences USER = new Node(null, "");
  private static final Preferences SYSTEM = new Node(null, "");

  @Override
  public Preferences userRoot() {
    return USER;
  }

  @Override
  public Preferences systemRoot() {
    return SYSTEM;
  }

  private static final class Node extends AbstractPreferences {
    private final Map<String, String> values = new HashMap<>();
    private final Map<String, Node> children = new HashMap<>();

    Node(Node parent, String name) {
      super(parent, name);
    }

    @Override
    protected void putSpi(String key, String value) {
      values.put(key, value);
    }

    @Override
    protected String getSpi(String key) {
      // Gatling's "last checked for a new release" timestamp: always now, so it never checks.
      return key.equals("lastCheckTimestamp")
          ? String.valueOf(System.currentTimeMillis())
          : values.get(key);
    }

    @Override
    protected void removeSpi(String key) {
      values.remove(key);
    }

    @Override
    protected void removeNodeSpi() {
      children.clear();
      values.clear();
    }

    @Override
    protected String[] keysSpi() {
      return values.keySet().toArray(String[]::new);
    }

    @Override
    protected String[] childrenNamesSpi() {
      return children.keySet().toArray(String[]::new);
    }

    @Override
    protected AbstractPreferences childSpi(String name) {
      return children.computeIfAbsent(name, n -> new Node(this, n));
    }

    @Override
    protected void syncSpi() {}

    @Override
    protected void flushSpi() {}
  }
}
