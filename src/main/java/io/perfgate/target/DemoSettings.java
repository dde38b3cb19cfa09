package io.perfgate.target;

import java.time.Duration;

/**
 * How to run the embedded demo service: its port (0 = any free port), cache TTL, and the faults it
 * injects so that gates can be made to fail on purpose.
 */
public record DemoSettings(int port, Duration cacheTtl, Duration latency, double errorRate) {}
