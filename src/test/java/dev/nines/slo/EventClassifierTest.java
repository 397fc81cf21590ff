package dev.nines.slo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.model.RequestEvent;
import dev.nines.model.SliKind;
import dev.nines.model.SliSource;
import dev.nines.model.SliSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventClassifierTest {
  private static final Instant T = Instant.parse("2026-10-01T10:00:00Z");

  private static int classify(String kind, int status, long millis, boolean failed,
      Long lagMillis) {
    SliKind k = SliKind.parse(kind);
    SliSpec sli = new SliSpec(k, k.needsThreshold() ? Duration.ofMillis(300) : null,
        new SliSource.Events(), Set.of(429));
    return EventClassifier.classify(sli, new RequestEvent("s", "/e", status, millis, T,
        lagMillis == null ? null : T.plusMillis(lagMillis), failed));
  }

  @ParameterizedTest(name = "{0}: status {1} in {2} ms (failed {3}, lag {4}) is {5}")
  @CsvSource(nullValues = "-", value = {
      "availability, 200, 9999, false, -, 2",
      "availability, 404, 10,   false, -, 2",
      "availability, 429, 10,   false, -, 1",   // 429 configured bad
      "availability, 503, 10,   false, -, 1",
      "availability, 0,   10,   true,  -, 1",   // timeout / connection failure
      "error-ratio,  404, 10,   false, -, 1",
      "error-ratio,  302, 10,   false, -, 2",
      "latency,      200, 300,  false, -, 2",   // at the threshold is good
      "latency,      200, 301,  false, -, 1",
      "latency,      500, 5,    false, -, 1",   // a fast error is not a good latency event
      "freshness,    200, 10,   false, 300, 2",
      "freshness,    200, 10,   false, 301, 1",
      "freshness,    200, 10,   false, -,   0", // no processed time: not counted
      "uptime,       200, 10,   false, -,   0"})
  void classifiesEachKindAsDocumented(String kind, int status, long millis, boolean failed,
      Long lag, int expected) {
    assertThat(classify(kind, status, millis, failed, lag)).isEqualTo(expected);
  }
}
