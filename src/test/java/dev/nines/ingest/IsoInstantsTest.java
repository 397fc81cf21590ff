package dev.nines.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoInstantsTest {

  private static Instant parse(String text) {
    char[] padded = ("xx" + text + "yy").toCharArray();
    return IsoInstants.parse(padded, 2, text.length());
  }

  @ParameterizedTest(name = "{0} reads as Instant.parse reads it")
  @ValueSource(strings = {
      "2026-10-01T10:00:00Z", "2026-10-01T10:00:00.1Z", "2026-10-01T10:00:00.12Z",
      "2026-10-01T10:00:00.123Z", "2026-10-01T10:00:00.123456Z", "2026-10-01T10:00:00.123456789Z",
      "2024-02-29T23:59:59.999Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.5Z",
      "2026-12-31T23:59:59Z", "2026-10-01T12:00:00+02:00", "2026-10-01t10:00:00z",
      "2016-12-31T23:59:60Z", "+12026-10-01T10:00:00Z", "2026-10-01T24:00:00Z",
      "2026-10-01T10:00:00.Z"})
  void acceptedInstantsAreTheSameAsTheGeneralParsers(String text) {
    assertThat(parse(text)).isEqualTo(Instant.parse(text));
  }

  @ParameterizedTest(name = "{0} is rejected as Instant.parse rejects it")
  @ValueSource(strings = {
      "2026-02-30T10:00:00Z", "2026-13-01T10:00:00Z", "2026-10-01T25:00:00Z",
      "2026-10-01T10:60:00Z", "2026-10-01T10:00:00.1234567890Z",
      "2026-10-01 10:00:00Z", "2026-1O-01T10:00:00Z", "2026-10-01T10:00:00", "yesterday",
      "2026-10-01T10:00:00,5Z", "2026-10-01T10:00:0xZ"})
  void rejectedTextIsTheSameAsTheGeneralParsers(String text) {
    assertThatThrownBy(() -> Instant.parse(text)).isInstanceOf(DateTimeParseException.class);
    assertThatThrownBy(() -> parse(text)).isInstanceOf(DateTimeParseException.class);
  }
}
