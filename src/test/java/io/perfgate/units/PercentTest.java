package io.perfgate.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalDouble;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PercentTest {

  @ParameterizedTest(name = "\"{0}\" is {1} percent")
  @CsvSource(
      delimiter = '|',
      value = {
        "1%       | 1.0",
        "0.5%     | 0.5",
        "0.1%     | 0.1",
        "0%       | 0.0",
        "100%     | 100.0",
        "12.25%   | 12.25",
        "'  5 %  '| 5.0",
      })
  void parsesPercentages(String text, double percent) {
    assertEquals(OptionalDouble.of(percent), Percent.parse(text));
  }

  @ParameterizedTest(name = "\"{0}\" is not a percentage")
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "5",
        "0.05",
        "%",
        "150%",
        "100.1%",
        "-1%",
        "abc%",
        "1%%",
        "5d%",
        "1e1%",
        "0x1p3%",
        "NaN%",
        "Infinity%",
        "+5%",
        ".5%",
        "5 percent"
      })
  void rejectsWhatIsNotAPercentageFromZeroToHundred(String text) {
    assertTrue(Percent.parse(text).isEmpty(), () -> "parsed: " + Percent.parse(text));
  }

  @ParameterizedTest(name = "{0} is written \"{1}\"")
  @CsvSource(
      delimiter = '|',
      value = {
        "1.0     | 1%",
        "0.5     | 0.5%",
        "0.1     | 0.1%",
        "0.0     | 0%",
        "100.0   | 100%",
        "12.3456 | 12.346%",
      })
  void formatsWithoutTrailingZeros(double percent, String text) {
    assertEquals(text, Percent.format(percent));
  }

  @ParameterizedTest(name = "{0}% survives format then parse")
  @ValueSource(doubles = {0, 0.1, 0.5, 1, 5, 10, 99.999, 100})
  void formatThenParseGivesTheSameShare(double percent) {
    assertEquals(OptionalDouble.of(percent), Percent.parse(Percent.format(percent)));
  }
}
