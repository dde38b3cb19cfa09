package io.perfgate.gate;

/** The SLA tiers, from best to worst. */
public enum Tier {
  TARGET,
  ACCEPTABLE,
  POOR,
  CRITICAL
}
