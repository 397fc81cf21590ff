package dev.nines.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.model.Durations;
import dev.nines.model.MonitorSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryStateTest {
  @ParameterizedTest(name = "every {0} with retries {1} apart re-checks every {2} when down")
  @CsvSource(textBlock = """
      30s, 5s,  7500ms
      5m,  30s, 1m15s
      60s, 5s,  15s
      6h,  5s,  1h30m
      10s, 5s,  5s
      10s, 20s, 10s
      """)
  void aDownMonitorIsRecheckedEveryQuarterIntervalOrRetryIntervalWhicheverIsLonger(
      String interval, String retryInterval, String recheck) {
    MonitorSpec m = TestMonitors.timing(TestMonitors.scheduled("api", Durations.parse(interval),
        1, Durations.parse(retryInterval)), Durations.parse(interval), Durations.parse("1s"), 1,
        Durations.parse(retryInterval));

    assertThat(m.recheckInterval()).isEqualTo(Durations.parse(recheck));
  }
}
