package dev.nines.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonPathTest {
  @ParameterizedTest(name = "{0} is the pointer ''{1}''")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      $                     | ""
      $.status              | /status
      $.orders[0].id        | /orders/0/id
      $.a.b[12][3].c        | /a/b/12/3/c
      $['tracking id']      | /tracking id
      $['a/b'].c            | /a~1b/c
      $.x-y_z               | /x-y_z
      """)
  void supportedPathsMapOntoJsonPointers(String path, String pointer) {
    assertThat(JsonPath.compile(path).pointer().toString()).isEqualTo(pointer);
  }

  @ParameterizedTest(name = "{0} is not supported")
  @ValueSource(strings = {"status", "$..id", "$.orders[*]", "$.orders[-1]", "$.a[0:2]",
      "$.a[?(@.x)]", "$.", "$a"})
  void otherPathsAreRejectedWithTheSupportedForm(String path) {
    assertThatThrownBy(() -> JsonPath.compile(path)).hasMessage("'" + path + "' is not a "
        + "supported JSON path. Expected $ followed by .name, ['name'] or [index] steps, e.g. "
        + "$.orders[0].id");
  }
}
