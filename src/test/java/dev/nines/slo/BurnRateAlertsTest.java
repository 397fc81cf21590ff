package dev.nines.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nines.model.AlertWindow;
import dev.nines.model.Severity;
import dev.nines.model.Target;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class BurnRateAlertsTest {
  private static final Target TARGET = Target.parse("99.9");
  private static final Duration THIRTY_DAYS = Duration.ofDays(30);

  @ParameterizedTest(name = "{0} bad per million is burn rate {1}")
  @CsvSource({"0, 0", "1000, 1", "14400, 14.4", "1000000, 1000"})
  void burnRateIsBadRatioOverBudget(long badPerMillion, double burn) {
    assertThat(BurnRate.of(new Counts(1_000_000 - badPerMillion, 1_000_000), TARGET))
        .isCloseTo(burn, within(1e-9));
  }

  @Test
  void noTrafficBurnsNothing() {
    assertThat(BurnRate.of(Counts.ZERO, TARGET)).isZero();
  }

  /** Bad ratios per look-back; everything else is clean. */
  private static List<BurnCondition> evaluate(Map<Duration, Double> badRatios) {
    return new BurnRateAlerts(AlertWindow.googleDefaults(), THIRTY_DAYS).evaluate(TARGET, d -> {
      double bad = badRatios.getOrDefault(d, 0.0);
      return new Counts(Math.round(1_000_000 * (1 - bad)), 1_000_000);
    });
  }

  @Test
  void burnAboveFactorInBothWindowsPages() {
    List<BurnCondition> c = evaluate(Map.of(Duration.ofHours(1), 0.0150, Duration.ofMinutes(5), 0.02));
    assertThat(c.get(0).firing()).isTrue();
    assertThat(BurnRateAlerts.severity(c)).isEqualTo(Severity.PAGE);
  }

  @Test
  void longWindowAloneDoesNotPageOnceTheShortWindowRecovered() {
    List<BurnCondition> c = evaluate(Map.of(Duration.ofHours(1), 0.0150, Duration.ofMinutes(5), 0.0));
    assertThat(BurnRateAlerts.severity(c)).isNull();
  }

  @Test
  void burnExactlyAtTheFactorDoesNotFire() {
    List<BurnCondition> c = evaluate(Map.of(Duration.ofHours(1), 0.0144, Duration.ofMinutes(5), 0.0144));
    assertThat(c.get(0).longBurn()).isCloseTo(14.4, within(1e-9));
    assertThat(c.get(0).firing()).isFalse();
  }

  @Test
  void slowBurnOpensATicket() {
    List<BurnCondition> c = evaluate(Map.of(Duration.ofDays(3), 0.0012, Duration.ofHours(6), 0.0015));
    assertThat(BurnRateAlerts.severity(c)).isEqualTo(Severity.TICKET);
    assertThat(c.get(3).firing()).isTrue();
  }

  @Test
  void pageOutranksTicket() {
    List<BurnCondition> c = evaluate(Map.of(Duration.ofHours(6), 0.007, Duration.ofMinutes(30), 0.007,
        Duration.ofDays(1), 0.004, Duration.ofHours(2), 0.004));
    assertThat(c).extracting(BurnCondition::firing).containsExactly(false, true, true, false);
    assertThat(BurnRateAlerts.severity(c)).isEqualTo(Severity.PAGE);
  }

  @Test
  void singleWindowConditionUsesItsLongWindowOnly() {
    AlertWindow w = new AlertWindow(Severity.PAGE, Duration.ofHours(1), null, null,
        new java.math.BigDecimal("2"));
    List<BurnCondition> c = new BurnRateAlerts(List.of(w), THIRTY_DAYS).evaluate(TARGET,
        d -> new Counts(997, 1000));
    assertThat(c.get(0).shortBurn()).isEqualTo(c.get(0).longBurn());
    assertThat(c.get(0).firing()).isTrue();
  }
}
