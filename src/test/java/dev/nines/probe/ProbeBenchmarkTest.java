package dev.nines.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProbeBenchmarkTest {
  @Test
  void aShortRunAgainstASeparateTargetDoesEveryPlannedCheck() {
    StringWriter text = new StringWriter();

    ProbeBenchmark.Result r = new ProbeBenchmark().run(20, Duration.ofMillis(200),
        Duration.ofMillis(400), new PrintWriter(text));

    assertThat(r.planned()).as(text.toString()).isBetween(20L, 60L);
    assertThat(r.done()).as(text.toString()).isEqualTo(r.planned());
    assertThat(r.missed()).isZero();
    assertThat(r.failed()).isZero();
    assertThat(r.lagP99()).isLessThanOrEqualTo(r.lagMax());
    assertThat(text.toString()).startsWith("probes: 20 HTTP monitors every 200ms for 400ms")
        .contains("(separate JVM, pid ").contains("\ncpu: ").contains("(target process)");
  }

  @Test
  void expectedChecksCountEverySlotInsideTheWindow() {
    Instant from = Instant.parse("2025-06-01T10:00:00Z");
    var specs = List.of(TestMonitors.scheduled("a", Duration.ofSeconds(10), 0,
        Duration.ofSeconds(5)), TestMonitors.scheduled("b", Duration.ofSeconds(10), 0,
        Duration.ofSeconds(5)));

    assertThat(ProbeBenchmark.expected(specs, from, from.plusSeconds(60))).isEqualTo(12);
    assertThat(ProbeBenchmark.expected(specs, from, from)).isZero();
  }

  @Test
  void nonsenseArgumentsAreRejected() {
    assertThatThrownBy(() -> new ProbeBenchmark().run(0, Duration.ofSeconds(10),
        Duration.ofSeconds(1), new PrintWriter(new StringWriter())))
        .hasMessage("monitors 0, interval PT10S, length PT1S: out of range. Expected at least 1 "
            + "monitor and a positive interval and length");
  }
}
