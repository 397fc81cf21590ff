package dev.nines.slo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.model.CalendarUnit;
import dev.nines.model.Target;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AllowedDowntimeTest {

  /** DESIGN.md's table in seconds: day, week, 30-day month, average month, quarter, year. */
  @ParameterizedTest(name = "{0} % allows {1} s a day ... {6} s a year")
  @CsvSource({
      "99,     864,   6048,   25920,  26298,  78894,  315576",
      "99.9,   86.4,  604.8,  2592,   2629.8, 7889.4, 31557.6",
      "99.95,  43.2,  302.4,  1296,   1314.9, 3944.7, 15778.8",
      "99.99,  8.64,  60.48,  259.2,  262.98, 788.94, 3155.76",
      "99.999, 0.864, 6.048,  25.92,  26.298, 78.894, 315.576"})
  void standardTableMatchesTheDesignExactly(String target, String day, String week,
      String thirty, String month, String quarter, String year) {
    List<AllowedDowntime> rows = AllowedDowntime.table(Target.parse(target));
    assertThat(rows).extracting(AllowedDowntime::window)
        .containsExactly("day", "week", "30d", "month", "quarter", "year");
    List<String> expected = List.of(day, week, thirty, month, quarter, year);
    for (int i = 0; i < rows.size(); i++) {
      assertThat(rows.get(i).allowedSeconds()).as(rows.get(i).window())
          .isEqualByComparingTo(new BigDecimal(expected.get(i)));
    }
  }

  @ParameterizedTest(name = "{1} at {0} % allows {2} s")
  @CsvSource({
      "99.9, month:2026-10, 2678.4",   // 31 days: 44.64 min
      "99.9, month:2026-02, 2419.2",   // 28 days
      "99.9, month:2028-02, 2505.6",   // leap February, 29 days
      "99.9, year:2028,     31622.4",  // leap year, 366 days
      "99.9, quarter:2026-Q1, 7776",   // 90 days
      "99.9, quarter:2026-Q3, 7948.8", // 92 days
      "99.9, week:2026-W53, 604.8",    // 2026 has 53 ISO weeks
      "99,   day:2026-05-01, 864"})
  void namedPeriodsUseTheirRealLengthInUtc(String target, String period, String allowed) {
    AllowedDowntime row = AllowedDowntime.ofPeriod(Target.parse(target), period,
        CalendarUnit.parsePeriod(period, ZoneOffset.UTC));
    assertThat(row.allowedSeconds()).isEqualByComparingTo(new BigDecimal(allowed));
  }

  @ParameterizedTest(name = "{0} in Europe/Berlin lasts {1} s")
  @CsvSource({
      "day:2026-03-29, 82800",   // clocks go forward: 23 hours
      "day:2026-10-25, 90000",   // clocks go back: 25 hours
      "day:2026-06-01, 86400",
      "month:2026-03, 2674800",  // 31 days minus one hour
      "week:2026-W43, 608400"})  // 19 to 26 October 2026 holds the 25-hour day
  void daylightSavingChangesTheLengthOfLocalPeriods(String period, String seconds) {
    assertThat(CalendarUnit.parsePeriod(period, ZoneId.of("Europe/Berlin")).lengthSeconds())
        .isEqualByComparingTo(new BigDecimal(seconds));
  }

  @ParameterizedTest(name = "{0} % over {1} s allows {2} s")
  @CsvSource({"99.9, 3600, 3.6", "99.9, 25200, 25.2", "99.99, 7200, 0.72", "99.9, 0.5, 0",
      "99, 90061.5, 900.615"})
  void rollingWindowsOfAnyLengthAreExactToTheMillisecond(String target, String seconds,
      String allowed) {
    AllowedDowntime d = AllowedDowntime.ofSeconds(Target.parse(target), "w",
        new BigDecimal(seconds));
    assertThat(d.windowSeconds()).isEqualByComparingTo(seconds);
    assertThat(d.allowedSeconds()).isEqualByComparingTo(allowed);
  }
}
