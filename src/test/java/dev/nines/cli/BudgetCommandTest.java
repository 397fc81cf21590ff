package dev.nines.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BudgetCommandTest {

  @ParameterizedTest(name = "{0} over {1} allows {2} s")
  @CsvSource({"99.9, month:2026-10, 2678.4", "99.9, 30d, 2592", "99.95, month, 1314.9",
      "99.99, year, 3155.76", "99.9, 28d, 2419.2", "99.9, 1h, 3.6", "99.9, 2h, 7.2",
      "99.9, 7h, 25.2", "99.99, 7h, 2.52", "99.95, 90m, 2.7", "99.999, 1h, 0.036"})
  void jsonGivesTargetWindowAndAllowedSeconds(String target, String window, String allowed)
      throws Exception {
    CliRun run = CliRun.of("budget", target, "--window", window, "--json");
    assertThat(run.exit()).isZero();
    JsonNode json = Json.MAPPER.readTree(run.out());
    assertThat(json.get("target").decimalValue()).isEqualByComparingTo(target);
    assertThat(json.get("window").asText()).isEqualTo(window);
    assertThat(json.get("allowedSeconds").decimalValue()).isEqualByComparingTo(allowed);
  }

  @Test
  void withoutWindowPrintsTheStandardTable() {
    CliRun run = CliRun.of("budget", "99.9");
    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("day", "1m 26.4s", "30d", "43m 12s", "month", "43m 49.8s",
        "year", "8h 45m 57.6s");
  }

  @Test
  void jsonTableKeysAllowedSecondsByWindow() throws Exception {
    JsonNode json = Json.MAPPER.readTree(CliRun.of("budget", "99.95", "--json").out());
    assertThat(json.get("allowedSeconds").get("30d").decimalValue()).isEqualByComparingTo("1296");
    assertThat(json.get("allowedSeconds").get("day").decimalValue()).isEqualByComparingTo("43.2");
  }

  @Test
  void twentyThreeHourDayInBerlin() throws Exception {
    JsonNode json = Json.MAPPER.readTree(CliRun.of("budget", "99.9", "--window",
        "day:2026-03-29", "--zone", "Europe/Berlin", "--json").out());
    assertThat(json.get("allowedSeconds").decimalValue()).isEqualByComparingTo("82.8");
  }

  @Test
  void anHourLongRollingWindowPrintsToTheMillisecond() {
    CliRun run = CliRun.of("budget", "99.9", "--window", "7h");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo(String.format("Allowed bad time at 99.9%%%n"
        + "%-18s %14s %18s %14s%n%-18s %14s %18s %14s%n", "window", "length", "allowed",
        "seconds", "7h", "7h", "25.2s", "25.2"));
  }

  @Test
  void aZeroWindowIsAUsageError() {
    CliRun run = CliRun.of("budget", "99.9", "--window", "0s");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).startsWith("--window: 0s is zero. Expected a positive duration");
  }

  @Test
  void badTargetIsAUsageErrorWithTheRule() {
    CliRun run = CliRun.of("budget", "101");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).startsWith("TARGET: 101 is out of range. Expected 0 < target < 100");
  }

  @Test
  void aRatioTargetWarnsOnStderrThatItIsAPercentage() {
    CliRun run = CliRun.of("budget", "0.999");
    assertThat(run.exit()).isZero();
    assertThat(run.err()).isEqualTo("TARGET: warning: 0.999 is a percentage here: did you mean 99.9?\n");
    assertThat(run.out()).startsWith("Allowed bad time at 0.999%");
    assertThat(CliRun.of("budget", "99.9").err()).isEmpty();
  }
}
