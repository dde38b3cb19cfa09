package io.perfgate.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ResultCacheTest {

  private final AtomicLong now = new AtomicLong(1_000);
  private final ResultCache<String> cache = new ResultCache<>(Duration.ofNanos(100), 3, now::get);

  private static ResultCache.Key key(String job, int skip) {
    return new ResultCache.Key(job, 10, skip, 1);
  }

  @Test
  void servesUntilTheTtlExpires() {
    cache.put(key("a", 0), "v", cache.generation("a"));
    now.addAndGet(99);
    assertEquals("v", cache.get(key("a", 0)));
    now.addAndGet(1);
    assertNull(cache.get(key("a", 0)));
    assertEquals(0, cache.size());
  }

  @Test
  void invalidationDropsOnlyThatJob() {
    cache.put(key("a", 0), "a0", cache.generation("a"));
    cache.put(key("a", 10), "a10", cache.generation("a"));
    cache.put(key("b", 0), "b0", cache.generation("b"));
    cache.invalidateJob("a");
    assertNull(cache.get(key("a", 0)));
    assertNull(cache.get(key("a", 10)));
    assertEquals("b0", cache.get(key("b", 0)));
  }

  @Test
  void aValueComputedBeforeAnInvalidationIsNeverServed() {
    long generation = cache.generation("a");
    cache.invalidateJob("a"); // an import lands while the value is being computed
    cache.put(key("a", 0), "stale", generation);
    assertNull(cache.get(key("a", 0)));
  }

  @Test
  void zeroTtlCachesNothing() {
    ResultCache<String> off = new ResultCache<>(Duration.ZERO);
    off.put(key("a", 0), "v", off.generation("a"));
    assertNull(off.get(key("a", 0)));
  }

  @Test
  void aFullCacheMakesRoomOnlyByDroppingExpiredEntries() {
    for (int i = 0; i < 3; i++) {
      cache.put(key("a", i), "v" + i, 0);
    }
    cache.put(key("a", 3), "v3", 0);
    assertNull(cache.get(key("a", 3)));
    now.addAndGet(100);
    cache.put(key("a", 4), "v4", 0);
    assertEquals("v4", cache.get(key("a", 4)));
    assertEquals(1, cache.size());
  }
}
