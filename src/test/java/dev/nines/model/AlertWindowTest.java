package dev.nines.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AlertWindowTest {

  @ParameterizedTest(name = "a {0}-day window gives factors {1} / {2} / {3} / {4}")
  @CsvSource({
      "30, 14.4,  6,   3,   1",
      "28, 13.44, 5.6, 2.8, 0.9333333333333333",
      "7,  3.36,  1.4, 0.7, 0.2333333333333333"})
  void factorsScaleWithTheSloWindow(int days, String page1, String page2, String ticket1,
      String ticket2) {
    List<BigDecimal> factors = AlertWindow.googleDefaults().stream()
        .map(w -> w.factorFor(Duration.ofDays(days))).toList();
    assertThat(factors).usingElementComparator(BigDecimal::compareTo).containsExactly(
        new BigDecimal(page1), new BigDecimal(page2), new BigDecimal(ticket1),
        new BigDecimal(ticket2));
  }

  @Test
  void explicitFactorWinsOverTheDerivedOne() {
    AlertWindow w = new AlertWindow(Severity.PAGE, Duration.ofHours(1), Duration.ofMinutes(5),
        null, new BigDecimal("10"));
    assertThat(w.factorFor(Duration.ofDays(30))).isEqualByComparingTo("10");
  }

  @Test
  void shortWindowMustBeShorterThanLong() {
    assertThatThrownBy(() -> AlertWindow.derived(Severity.PAGE, Duration.ofHours(1),
        Duration.ofHours(2), "0.02"))
        .hasMessage("short window 2h is not shorter than long window 1h. Expected short < long");
  }
}
