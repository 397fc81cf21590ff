package dev.nines.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UptimeOutputTest {

  @ParameterizedTest(name = "{0} ms is ''{1}''")
  @CsvSource(textBlock = """
      0,         0s
      250,       250ms
      9000,      9s
      3723000,   1h 2m 3s
      3600000,   1h
      90061001,  1d 1h 1m 1s 1ms
      """)
  void writesTimeInAHumanForm(long millis, String expected) {
    assertThat(UptimeOutput.human(millis)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} is {1} %")
  @CsvSource(textBlock = """
      1.0,                100.000
      0.0,                0.000
      0.45,               45.000
      0.29,               29.000
      0.6666666666666666, 66.666
      0.999995,           99.999
      0.9999999,          99.999
      """)
  void writesRatiosAsPercentagesTruncatedToThreeDecimals(double ratio, String expected) {
    assertThat(UptimeOutput.percent(ratio)).isEqualTo(expected);
  }
}
