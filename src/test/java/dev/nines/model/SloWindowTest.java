package dev.nines.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SloWindowTest {

  @ParameterizedTest(name = "{0} at {1} runs from {2} to {3}")
  @CsvSource({
      "day,     2026-10-25T12:00:00Z, 2026-10-24T22:00:00Z, 2026-10-25T23:00:00Z",
      "week,    2026-11-25T10:00:00Z, 2026-11-22T23:00:00Z, 2026-11-29T23:00:00Z",
      "month,   2026-02-28T23:30:00Z, 2026-02-28T23:00:00Z, 2026-03-31T22:00:00Z",
      "quarter, 2026-05-15T00:00:00Z, 2026-03-31T22:00:00Z, 2026-06-30T22:00:00Z",
      "year,    2026-12-31T23:30:00Z, 2026-12-31T23:00:00Z, 2027-12-31T23:00:00Z"})
  void calendarPeriodsStartAtLocalMidnight(String unit, Instant now, Instant start, Instant end) {
    SloWindow w = SloWindow.parse(unit, ZoneId.of("Europe/Berlin"));
    assertThat(w.periodAt(now)).isEqualTo(new WindowPeriod(start, end));
  }

  @Test
  void rollingWindowEndsNow() {
    Instant now = Instant.parse("2026-11-25T10:00:00Z");
    assertThat(SloWindow.parse("28d", ZoneOffset.UTC).periodAt(now))
        .isEqualTo(new WindowPeriod(now.minus(Duration.ofDays(28)), now));
  }

  @Test
  void oneMinuteIsNotAMonth() {
    assertThatThrownBy(() -> SloWindow.parse("1m", ZoneOffset.UTC)).hasMessage(
        "1m is shorter than a day. Expected a rolling window of at least 1d (e.g. 28d, 30d) "
            + "or a calendar period (day, week, month, quarter, year); note that m means minutes");
  }

  @Test
  void capitalMIsAmbiguous() {
    assertThatThrownBy(() -> SloWindow.parse("1M", ZoneOffset.UTC)).hasMessage(
        "'1M' is ambiguous. Expected month for a calendar month or 30d for a rolling window");
  }

  @Test
  void nominalLengthsDriveBurnFactors() {
    assertThat(SloWindow.parse("month", ZoneOffset.UTC).nominalLength()).isEqualTo(Duration.ofDays(30));
    assertThat(SloWindow.parse("28d", ZoneOffset.UTC).nominalLength()).isEqualTo(Duration.ofDays(28));
  }
}
