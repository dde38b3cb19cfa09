package io.perfgate.units;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Sizes as the JVM writes them: 1KB is 1024 bytes. */
class ByteSizeTest {
  @Test
  void parsesUnitsOfTenTwentyAndThirtyBits() {
    assertEquals(OptionalLong.of(0), ByteSize.parse("0"));
    assertEquals(OptionalLong.of(512), ByteSize.parse("512B"));
    assertEquals(OptionalLong.of(64 * 1024), ByteSize.parse("64KB"));
    assertEquals(OptionalLong.of(64 * 1024), ByteSize.parse("64 kib"));
    assertEquals(OptionalLong.of(1536L * 1024), ByteSize.parse("1.5MB"));
    assertEquals(OptionalLong.of(2L << 30), ByteSize.parse("2G"));
    assertEquals(OptionalLong.empty(), ByteSize.parse("lots"));
    assertEquals(OptionalLong.empty(), ByteSize.parse("-1MB"));
    assertEquals(OptionalLong.empty(), ByteSize.parse("1TB"));
  }

  @Test
  void formatsWithTheLargestUnitThatKeepsANumberOfAtLeastOne() {
    assertEquals("0B", ByteSize.format(0));
    assertEquals("64KB", ByteSize.format(64 * 1024));
    assertEquals("1.5MB", ByteSize.format(1536L * 1024));
    assertEquals("2GB", ByteSize.format(2L << 30));
  }
}
