package io.perfgate.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest(name = "\"{0}\" is {1} ms")
  @CsvSource(
      delimiter = '|',
      value = {
        "500ms      | 500",
        "30s        | 30000",
        "5m         | 300000",
        "2h         | 7200000",
        "1d         | 86400000",
        "1h30m      | 5400000",
        "4m30s      | 270000",
        "1m30s500ms | 90500",
        "2.5s       | 2500",
        "0.5m       | 30000",
        "0          | 0",
        "0s         | 0",
        "0ms        | 0",
        "'  45s  '  | 45000",
        "1h 30m     | 5400000",
        "5 m        | 300000",
        "5M         | 300000",
        "270s       | 270000",
      })
  void parsesWhatPeopleWrite(String text, long millis) {
    assertEquals(Optional.of(Duration.ofMillis(millis)), Durations.parse(text));
  }

  @ParameterizedTest(name = "\"{0}\" is not a duration")
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "5",
        "ms",
        "5 parsecs",
        "-1s",
        "  ",
        "soon",
        "5 seconds",
        "1h30",
        "30s5",
        "1.s",
        ".5s",
        "1h-30m",
        "1,5s",
        "5mss",
        "s5",
        "PT5S"
      })
  void rejectsWhatIsNotADuration(String text) {
    assertTrue(Durations.parse(text).isEmpty(), () -> "parsed: " + Durations.parse(text));
  }

  @ParameterizedTest(name = "{0} ms is written \"{1}\"")
  @CsvSource(
      delimiter = '|',
      value = {
        "0        | 0s",
        "450      | 450ms",
        "1        | 1ms",
        "1000     | 1s",
        "2500     | 2.5s",
        "30000    | 30s",
        "60000    | 1m",
        "90000    | 1m30s",
        "270000   | 4m30s",
        "5400000  | 1h30m",
        "6900000  | 1h55m",
        "7200000  | 2h",
        "3605000  | 1h5s",
        "61500    | 61500ms",
      })
  void formatsInShortHumanForm(long millis, String text) {
    assertEquals(text, Durations.format(Duration.ofMillis(millis)));
  }

  @ParameterizedTest(name = "{0} ms survives format then parse")
  @ValueSource(longs = {0, 1, 450, 999, 1000, 1500, 59_999, 61_500, 270_000, 3_605_000, 86_400_000})
  void formatThenParseGivesTheSameDuration(long millis) {
    Duration d = Duration.ofMillis(millis);
    assertEquals(Optional.of(d), Durations.parse(Durations.format(d)));
  }

  @Test
  void allowedTextShowsTheForms() {
    assertTrue(Durations.ALLOWED.contains("500ms"));
    assertTrue(Durations.ALLOWED.contains("1h30m"));
  }
}
