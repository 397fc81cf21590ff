package dev.nines.uptime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AttributionTest {

  @ParameterizedTest(name = "''{0}'' is {1}")
  @CsvSource(delimiter = '|', textBlock = """
      up        | UP
      DOWN      | DOWN
      ' Unknown'| UNKNOWN
      """)
  void parsesTheThreeNamesIgnoringCaseAndSpaces(String text, Attribution expected) {
    assertThat(Attribution.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "''{0}'' is rejected")
  @CsvSource(delimiter = '|', textBlock = """
      ok       | 'ok' is not an attribution. Expected up, down or unknown
      ''       | '' is not an attribution. Expected up, down or unknown
      """)
  void rejectsOtherTextNamingIt(String text, String message) {
    assertThatThrownBy(() -> Attribution.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }
}
