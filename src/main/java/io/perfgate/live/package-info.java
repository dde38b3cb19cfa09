/**
 * Watching a run while it goes: live metrics for Prometheus and a live page, served by the
 * injector.
 *
 * <p>{@link io.perfgate.live.LiveRecorder} is fed by two timely sources in the injector's JVM:
 * Gatling's console summary, which perfgate has Gatling print every second and {@link
 * io.perfgate.live.ConsoleFeed} parses ({@link io.perfgate.live.ConsoleSummary}: counts by request
 * and status, errors by message, users by scenario), and every response time as Gatling logs it,
 * from a tap on its stats engine ({@link io.perfgate.live.LiveRecorder#answered}). Everything else
 * (phase, progress, planned arrivals, injector and target resources, stop criteria, gate standings,
 * the end of the run with its report links) comes through its setters. {@link
 * io.perfgate.live.LiveServer} serves it on 127.0.0.1 by default: {@code /metrics} (the official
 * Prometheus client's exporter), the page at {@code /} and its data at {@code /live.json}. {@link
 * io.perfgate.live.LiveSettings} is the {@code live { ... }} block. Every text shown passes through
 * the masking function the recorder is given.
 */
package io.perfgate.live;
