package io.perfgate.gate;

import java.util.Objects;

/** What a gate judges: the whole run, one request (by name) or one group (by name). */
public record Scope(Kind kind, String name) {
  public enum Kind {
    GLOBAL,
    REQUEST,
    GROUP
  }

  public Scope {
    Objects.requireNonNull(kind, "kind");
    name = kind == Kind.GLOBAL ? "" : Objects.requireNonNull(name, "name");
  }

  public static Scope global() {
    return new Scope(Kind.GLOBAL, "");
  }

  public static Scope request(String name) {
    return new Scope(Kind.REQUEST, name);
  }

  public static Scope group(String name) {
    return new Scope(Kind.GROUP, name);
  }

  /** "global", "request health", "group triage". */
  public String label() {
    return kind == Kind.GLOBAL
        ? "global"
        : kind.name().toLowerCase(java.util.Locale.ROOT) + " " + name;
  }
}
