package io.perfgate.results;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a request or a group sits in the group hierarchy: the names of the enclosing groups,
 * outermost first. {@link #ROOT} (no group) for a request outside any group. Two paths with the
 * same names are equal, whichever log or reader made them.
 */
public final class GroupPath {
  /** Outside any group. */
  public static final GroupPath ROOT = new GroupPath(null, null);

  private final GroupPath parent;
  private final String name;
  private final List<String> names;
  private final int hash;
  // The reader's interning tree: only the reader that created this node adds children to it, so
  // that a record costs a map lookup, not a list.
  private Map<String, GroupPath> children;

  private GroupPath(GroupPath parent, String name) {
    this.parent = parent;
    this.name = name;
    if (parent == null) {
      this.names = List.of();
    } else {
      List<String> n = new ArrayList<>(parent.names);
      n.add(name);
      this.names = List.copyOf(n);
    }
    this.hash = names.hashCode();
  }

  /** A path from group names, outermost first. */
  public static GroupPath of(List<String> names) {
    GroupPath p = ROOT;
    for (String n : names) {
      p = new GroupPath(p, n);
    }
    return p;
  }

  /** A fresh root for one reader's interning tree (the shared {@link #ROOT} is never mutated). */
  static GroupPath newTree() {
    return new GroupPath(null, null);
  }

  /** The interned child of this node (readers only, on their own tree). */
  GroupPath child(String childName) {
    if (children == null) {
      children = new HashMap<>();
    }
    GroupPath c = children.get(childName);
    if (c == null) {
      c = new GroupPath(this, childName);
      children.put(childName, c);
    }
    return c;
  }

  /** The group names, outermost first; empty for {@link #ROOT}. */
  public List<String> names() {
    return names;
  }

  /** The innermost group's name, or "" for the root. */
  public String name() {
    return name == null ? "" : name;
  }

  /** The enclosing path, or null for the root. */
  public GroupPath parent() {
    return parent == null ? null : parent.isRoot() ? ROOT : parent;
  }

  public boolean isRoot() {
    return names.isEmpty();
  }

  public int depth() {
    return names.size();
  }

  /** The names joined with '/', as perfgate names groups in gates and reports: "a/b". */
  @Override
  public String toString() {
    return String.join("/", names);
  }

  @Override
  public boolean equals(Object o) {
    return o == this || (o instanceof GroupPath g && g.hash == hash && g.names.equals(names));
  }

  @Override
  public int hashCode() {
    return hash;
  }
}
