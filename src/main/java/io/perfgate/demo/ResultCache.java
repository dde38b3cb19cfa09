package io.perfgate.demo;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A TTL cache of computed answers keyed by job and page, invalidated per job.
 *
 * <p>Each job has a generation number that {@link #invalidateJob} bumps, and every entry records
 * the generation it was computed under. That closes the race where an import lands while a slow
 * computation is still running: the computation's late {@code put} carries the old generation and
 * is never served.
 */
final class ResultCache<V> {

  /** Enough for every page of every seeded job many times over; the cap only guards the heap. */
  static final int DEFAULT_MAX_ENTRIES = 10_000;

  record Key(String jobId, int limit, int skip, int minClusterSize) {}

  private record Entry<V>(V value, long expiresAtNanos, long generation) {}

  private final Map<Key, Entry<V>> entries = new ConcurrentHashMap<>();
  private final Map<String, Long> generations = new ConcurrentHashMap<>();
  private final long ttlNanos;
  private final int maxEntries;
  private final LongSupplier nanoClock;

  ResultCache(Duration ttl) {
    this(ttl, DEFAULT_MAX_ENTRIES, System::nanoTime);
  }

  ResultCache(Duration ttl, int maxEntries, LongSupplier nanoClock) {
    this.ttlNanos = ttl.toNanos();
    this.maxEntries = maxEntries;
    this.nanoClock = nanoClock;
  }

  /** Read before computing a value and pass to {@link #put}. */
  long generation(String jobId) {
    return generations.getOrDefault(jobId, 0L);
  }

  /** The live value for the key, or null when absent, expired or invalidated. */
  V get(Key key) {
    Entry<V> e = entries.get(key);
    if (e == null) {
      return null;
    }
    if (e.generation() != generation(key.jobId())
        || nanoClock.getAsLong() - e.expiresAtNanos() >= 0) {
      entries.remove(key, e);
      return null;
    }
    return e.value();
  }

  /** Caches a value computed under {@code generation}; a no-op when the TTL is zero. */
  void put(Key key, V value, long generation) {
    if (ttlNanos <= 0 || generation != generation(key.jobId())) {
      return;
    }
    if (entries.size() >= maxEntries) {
      purgeExpired();
      if (entries.size() >= maxEntries) {
        return; // full of live entries: serving uncached is slower but correct
      }
    }
    entries.put(key, new Entry<>(value, nanoClock.getAsLong() + ttlNanos, generation));
  }

  /** Drops every entry of the job, including those still being computed. */
  void invalidateJob(String jobId) {
    generations.merge(jobId, 1L, Long::sum);
    entries.keySet().removeIf(k -> k.jobId().equals(jobId));
  }

  int size() {
    return entries.size();
  }

  private void purgeExpired() {
    long now = nanoClock.getAsLong();
    entries.values().removeIf(e -> now - e.expiresAtNanos() >= 0);
  }
}
