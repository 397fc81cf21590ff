package dev.nines.uptime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StateTest {

  @ParameterizedTest(name = "''{0}'' is {1}")
  @CsvSource(delimiter = '|', textBlock = """
      OK       | OK
      ok       | OK
      ' Ok '   | OK
      up       | OK
      UP       | OK
      unknown  | UNKNOWN
      Unknown  | UNKNOWN
      ERROR    | ERROR
      error    | ERROR
      down     | ERROR
      Down     | ERROR
      """)
  void parsesNamesAndAliasesIgnoringCaseAndSpaces(String text, State expected) {
    assertThat(State.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "''{0}'' is rejected")
  @CsvSource(delimiter = '|', textBlock = """
      flaky    | 'flaky' is not a state. Expected OK, UNKNOWN or ERROR
      ''       | '' is not a state. Expected OK, UNKNOWN or ERROR
      pending  | 'pending' is not a state. Expected OK, UNKNOWN or ERROR
      """)
  void rejectsOtherTextNamingItAndTheStates(String text, String message) {
    assertThatThrownBy(() -> State.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void rejectsNullNamingIt() {
    assertThatThrownBy(() -> State.parse(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'null' is not a state. Expected OK, UNKNOWN or ERROR");
  }
}
