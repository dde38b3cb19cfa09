package io.perfgate.results;

import com.tdunning.math.stats.AVLTreeDigest;
import java.lang.reflect.Field;
import java.util.Random;

/**
 * The percentile digests, made as gatling-charts makes them (GeneralStatsBuffer: {@code new
 * AVLTreeDigest(100)}, values added in log order, as doubles).
 *
 * <p>One difference, on purpose: t-digest 3.3's AVLTreeDigest breaks ties between equally close
 * centroids with an unseeded {@code java.util.Random}, so Gatling's own percentiles can differ by a
 * millisecond between two report generations of the same log. perfgate seeds that generator, so
 * that the same log always gives the same figures; they are one of the outcomes Gatling's algorithm
 * can give. If the field cannot be set (another t-digest), the digest stays unseeded.
 */
final class Digests {
  static final double COMPRESSION = 100;
  private static final long SEED = 0x5EEDL;
  private static final Field GEN = generatorField();

  private Digests() {}

  static AVLTreeDigest create() {
    return create(SEED);
  }

  /** A digest whose tie-breaking follows the given seed (tests: the outcomes Gatling can give). */
  static AVLTreeDigest create(long seed) {
    AVLTreeDigest d = new AVLTreeDigest(COMPRESSION);
    if (GEN != null) {
      try {
        GEN.set(d, new Random(seed));
      } catch (IllegalAccessException | RuntimeException e) {
        // stays unseeded: figures remain Gatling's, only not reproducible to the millisecond
      }
    }
    return d;
  }

  static boolean seeded() {
    return GEN != null;
  }

  private static Field generatorField() {
    try {
      Field f = AVLTreeDigest.class.getDeclaredField("gen");
      if (f.getType() != Random.class) {
        return null;
      }
      f.setAccessible(true);
      return f;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
