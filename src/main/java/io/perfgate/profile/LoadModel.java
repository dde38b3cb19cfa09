package io.perfgate.profile;

/** How a profile puts load on the target. */
public enum LoadModel {
  /** A number of concurrent users; a user who finishes is replaced. */
  CLOSED("users"),
  /** New users arriving per second, whatever the target's speed. */
  OPEN("users/s");

  private final String unit;

  LoadModel(String unit) {
    this.unit = unit;
  }

  /** The unit of a level in this model: "users" or "users/s". */
  public String unit() {
    return unit;
  }
}
