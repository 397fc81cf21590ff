package dev.nines.export.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.model.Durations;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PromQlTest {

  @ParameterizedTest(name = "{0} prints as {1}")
  @CsvSource({"5m, 5m", "30m, 30m", "1h, 1h", "90m, 1h30m", "24h, 1d", "72h, 3d", "7d, 1w",
      "28d, 4w", "30d, 30d", "90d, 90d", "14d, 2w", "365d, 1y", "1500ms, 1s500ms"})
  void durationsPrintAsPrometheusPrintsThem(String in, String out) {
    assertThat(PromQl.duration(Durations.parse(in))).isEqualTo(out);
  }

  @Test
  void zeroPrintsAsZeroSeconds() {
    assertThat(PromQl.duration(Duration.ZERO)).isEqualTo("0s");
  }

  @ParameterizedTest(name = "{0} prints as {1}")
  @CsvSource({"0.99900, 0.999", "14.40, 14.4", "30.0, 30", "1E+1, 10", "0.0005, 0.0005"})
  void numbersPrintExactlyWithoutExponentOrTrailingZeros(String in, String out) {
    assertThat(PromQl.number(new BigDecimal(in))).isEqualTo(out);
  }

  @Test
  void windowPlaceholdersWithOrWithoutSpacesAreReplaced() {
    assertThat(PromQl.atWindow("rate(a[{{.window}}]) / rate(b[{{ .window }}])", Duration.ofDays(28)))
        .isEqualTo("rate(a[4w]) / rate(b[4w])");
    assertThat(PromQl.hasWindow("rate(a[5m])")).isFalse();
  }

  @Test
  void selectorsSortKeysAndEscapeValues() {
    assertThat(PromQl.selector(Map.of("b", "say \"hi\"", "a", "back\\slash")))
        .isEqualTo("{a=\"back\\\\slash\", b=\"say \\\"hi\\\"\"}");
  }
}
