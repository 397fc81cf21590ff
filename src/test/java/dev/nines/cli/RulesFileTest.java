package dev.nines.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nines.uptime.Attribution;
import dev.nines.uptime.AttributionTable;
import dev.nines.uptime.State;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesFileTest {
  private static final String EXPECTED = "Expected a YAML or JSON map such as OK->UNKNOWN: down";

  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  @Test
  void anEmptyFileLeavesTheDefaults() throws IOException {
    assertThat(RulesFile.read(write("rules.yaml", ""))).isEqualTo(AttributionTable.defaults());
  }

  @Test
  void readsYamlOverrides() throws IOException {
    Path rules = write("rules.yml", "# stricter than the default\nOK -> UNKNOWN: down\n");

    assertThat(RulesFile.read(rules))
        .isEqualTo(AttributionTable.defaults().with(State.OK, State.UNKNOWN, Attribution.DOWN));
  }

  @Test
  void aMissingFileIsRejected() {
    Path rules = dir.resolve("missing.yaml");

    assertThatThrownBy(() -> RulesFile.read(rules))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(rules + ": no such file. " + EXPECTED);
  }

  @Test
  void aRepeatedKeyIsRejectedWithItsPosition() throws IOException {
    Path rules = write("rules.yaml", "OK->UNKNOWN: down\nOK->UNKNOWN: up\n");

    assertThatThrownBy(() -> RulesFile.read(rules))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(rules + ":2:12: Duplicate field 'OK->UNKNOWN'. " + EXPECTED);
  }

  @Test
  void malformedJsonIsRejectedWithItsPosition() throws IOException {
    Path rules = write("rules.json", "{\"OK->ERROR\": \"down\",}");

    assertThatThrownBy(() -> RulesFile.read(rules))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(rules + ":1:22: Unexpected character ('}' (code 125)): was expecting "
            + "double-quote to start field name. " + EXPECTED);
  }

  @Test
  void malformedYamlIsRejectedOnOneLineWithoutTheSourceExcerpt() throws IOException {
    Path rules = write("rules.yaml", "OK->UNKNOWN: [down\n");

    assertThatThrownBy(() -> RulesFile.read(rules))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(rules + ":1:19: while parsing a flow sequence: expected ',' or ']', but got "
            + "<stream end>. " + EXPECTED);
  }

  @Test
  void aNestedValueIsNotAnAttribution() throws IOException {
    Path rules = write("rules.yaml", "OK->UNKNOWN:\n  value: down\n");

    assertThatThrownBy(() -> RulesFile.read(rules))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(rules + ": OK->UNKNOWN: '{\"value\":\"down\"}' is not an attribution. "
            + "Expected up, down or unknown");
  }
}
