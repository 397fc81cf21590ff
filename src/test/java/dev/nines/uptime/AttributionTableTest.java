package dev.nines.uptime;

import static dev.nines.uptime.Attribution.DOWN;
import static dev.nines.uptime.Attribution.UNKNOWN;
import static dev.nines.uptime.Attribution.UP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AttributionTableTest {

  @ParameterizedTest(name = "{0} -> {1} is {2}")
  @CsvSource(textBlock = """
      OK,      OK,      UP
      OK,      UNKNOWN, UP
      OK,      ERROR,   DOWN
      UNKNOWN, OK,      UP
      UNKNOWN, UNKNOWN, UNKNOWN
      UNKNOWN, ERROR,   DOWN
      ERROR,   OK,      DOWN
      ERROR,   UNKNOWN, DOWN
      ERROR,   ERROR,   DOWN
      """)
  void defaultsFollowTheDesignTable(State from, State to, Attribution expected) {
    assertThat(AttributionTable.defaults().attribute(from, to)).isEqualTo(expected);
  }

  @Test
  void withReplacesOneRuleAndLeavesTheOriginalAlone() {
    AttributionTable defaults = AttributionTable.defaults();
    AttributionTable strict = defaults.with(State.OK, State.UNKNOWN, DOWN);

    assertThat(strict.attribute(State.OK, State.UNKNOWN)).isEqualTo(DOWN);
    assertThat(defaults.attribute(State.OK, State.UNKNOWN)).isEqualTo(UP);
    assertThat(strict.with(State.OK, State.UNKNOWN, UP)).isEqualTo(defaults);
  }

  @ParameterizedTest(name = "''{0}: {1}'' makes {2} -> {3} {4}")
  @CsvSource(delimiter = '|', textBlock = """
      OK->UNKNOWN         | down    | OK      | UNKNOWN | DOWN
      ok -> unknown       | DOWN    | OK      | UNKNOWN | DOWN
      ' Unknown->Unknown' | ' up '  | UNKNOWN | UNKNOWN | UP
      ERROR->OK           | unknown | ERROR   | OK      | UNKNOWN
      """)
  void parseAppliesAnOverrideOverTheDefaults(String key, String value, State from, State to,
      Attribution expected) {
    AttributionTable table = AttributionTable.parse(Map.of(key, value));

    assertThat(table).isEqualTo(AttributionTable.defaults().with(from, to, expected));
  }

  @Test
  void parseOfNoOverridesIsTheDefaults() {
    assertThat(AttributionTable.parse(Map.of())).isEqualTo(AttributionTable.defaults());
  }

  @ParameterizedTest(name = "''{0}: {1}'' is rejected")
  @CsvSource(delimiter = '|', textBlock = """
      UNKNOWN->OK        | sideways | UNKNOWN->OK: 'sideways' is not an attribution. Expected up, down or unknown
      OK=>ERROR          | down     | OK=>ERROR: not a transition. Expected FROM->TO with FROM and TO in OK, UNKNOWN, ERROR
      OK->FLAKY          | down     | OK->FLAKY: not a transition. Expected FROM->TO with FROM and TO in OK, UNKNOWN, ERROR
      OK->UNKNOWN->ERROR | down     | OK->UNKNOWN->ERROR: not a transition. Expected FROM->TO with FROM and TO in OK, UNKNOWN, ERROR
      ->OK               | up       | ->OK: not a transition. Expected FROM->TO with FROM and TO in OK, UNKNOWN, ERROR
      """)
  void parseRejectsABadKeyOrValueNamingTheKey(String key, String value, String message) {
    assertThatThrownBy(() -> AttributionTable.parse(Map.of(key, value)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void parseReportsEveryProblemOnePerLineInInputOrder() {
    Map<String, String> overrides = new LinkedHashMap<>();
    overrides.put("OK->UNKNOWN", "down");
    overrides.put("UNKNOWN->OK", "sideways");
    overrides.put("ok -> unknown", "up");
    overrides.put("OK=>ERROR", "down");

    assertThatThrownBy(() -> AttributionTable.parse(overrides))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("""
            UNKNOWN->OK: 'sideways' is not an attribution. Expected up, down or unknown
            ok -> unknown: repeats OK->UNKNOWN. Expected each transition once
            OK=>ERROR: not a transition. Expected FROM->TO with FROM and TO in OK, UNKNOWN, \
            ERROR""");
  }

  @Test
  void rulesAreKeptInFromToOrderWhateverTheInputOrder() {
    List<AttributionTable.Rule> reversed = new ArrayList<>(AttributionTable.defaults().rules());
    Collections.reverse(reversed);

    AttributionTable table = new AttributionTable(reversed);

    assertThat(table).isEqualTo(AttributionTable.defaults());
    assertThat(table.rules().get(0)).hasToString("OK->OK: up");
    assertThat(table.rules().get(8)).hasToString("ERROR->ERROR: down");
  }

  @Test
  void aTableWithoutEveryTransitionIsRejected() {
    List<AttributionTable.Rule> rules = new ArrayList<>(AttributionTable.defaults().rules());
    rules.remove(2);

    assertThatThrownBy(() -> new AttributionTable(rules))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rules: OK->ERROR appears 0 times. "
            + "Expected exactly one rule for each of the 9 transitions");
  }

  @Test
  void aTableWithARepeatedTransitionIsRejected() {
    List<AttributionTable.Rule> rules = new ArrayList<>(AttributionTable.defaults().rules());
    rules.add(new AttributionTable.Rule(State.UNKNOWN, State.UNKNOWN, UNKNOWN));

    assertThatThrownBy(() -> new AttributionTable(rules))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rules: UNKNOWN->UNKNOWN appears 2 times. "
            + "Expected exactly one rule for each of the 9 transitions");
  }
}
