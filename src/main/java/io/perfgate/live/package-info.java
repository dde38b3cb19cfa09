/**
 * Watching a run while it goes: live metrics for Prometheus and a live page, served by the
 * injector.
 *
 * <p>{@link io.perfgate.live.LiveRecorder} receives the run's records as a {@link
 * io.perfgate.results.RecordHandler} from one feeding thread and everything else through setters
 * (phase, progress, planned arrivals, injector and target resources, stop criteria, gate standings,
 * the end of the run with its report links). {@link io.perfgate.live.LiveServer} serves it on
 * 127.0.0.1 by default: {@code /metrics} (the official Prometheus client's exporter), the page at
 * {@code /} and its data at {@code /live.json}. {@link io.perfgate.live.LiveSettings} is the {@code
 * live { ... }} block. Every text shown passes through the masking function the recorder is given.
 */
package io.perfgate.live;
