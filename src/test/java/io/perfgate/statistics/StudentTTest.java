package io.perfgate.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Quantiles of Student's t against published tables (e.g. NIST/SEMATECH e-Handbook, 1.3.6.7.2). */
class StudentTTest {

  @ParameterizedTest(name = "t({1}) at {0} is {2}")
  @CsvSource({
    "0.975, 1, 12.706204736",
    "0.975, 2, 4.302652730",
    "0.975, 3, 3.182446305",
    "0.975, 4, 2.776445105",
    "0.975, 9, 2.262157163",
    "0.975, 29, 2.045229642",
    "0.95, 4, 2.131846786",
    "0.995, 10, 3.169272667",
    "0.75, 1, 1.0",
    "0.975, 100000, 1.959988"
  })
  void matchesTables(double p, double df, double expected) {
    assertEquals(expected, StudentT.quantile(p, df), 2e-6 * expected);
    assertEquals(-expected, StudentT.quantile(1 - p, df), 2e-6 * expected);
  }

  @Test
  void twoDegreesOfFreedomHaveAClosedForm() {
    for (double p : new double[] {0.6, 0.9, 0.975, 0.999}) {
      double exact = (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
      assertEquals(exact, StudentT.quantile(p, 2), 1e-8 * exact);
    }
  }

  @Test
  void theDistributionFunctionInvertsTheQuantile() {
    for (double df : new double[] {1, 3, 7.5, 40}) {
      for (double p : new double[] {0.01, 0.3, 0.5, 0.8, 0.99}) {
        assertEquals(p, StudentT.cdf(StudentT.quantile(p, df), df), 1e-10);
      }
    }
    assertEquals(Math.log(24), StudentT.logGamma(5), 1e-12);
    assertEquals(0.5 * Math.log(Math.PI), StudentT.logGamma(0.5), 1e-12);
  }
}
