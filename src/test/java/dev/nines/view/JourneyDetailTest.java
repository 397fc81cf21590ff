package dev.nines.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.uptime.StepResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class JourneyDetailTest {
  @Test
  void nearestRankPercentilesPickAnObservedValue() {
    double[] v = {10, 20, 30, 40, 50, 60, 70, 80, 90, 100};
    assertThat(JourneyDetail.rank(v, 0.50)).isEqualTo(50.0);
    assertThat(JourneyDetail.rank(v, 0.95)).isEqualTo(100.0);
    assertThat(JourneyDetail.rank(new double[] {7}, 0.95)).isEqualTo(7.0);
    assertThat(JourneyDetail.rank(new double[0], 0.5)).isNull();
  }

  private static final String STEPS = "[{\"name\":\"fetch\",\"ok\":true,\"status\":200,"
      + "\"error\":\"\",\"totalMillis\":40000},{\"name\":\"assign\",\"ok\":true,\"status\":200,"
      + "\"error\":\"\",\"totalMillis\":21000}]";

  private static dev.nines.store.StoredAttempt run(boolean ok, String steps) {
    return new dev.nines.store.StoredAttempt("checkout", "eu", java.time.Instant.EPOCH, ok, null,
        ok ? null : "journey: took 61000 ms", null, null, null, null, 61000.0, steps);
  }

  @Test
  void theVerdictIsTheOneStoredWithTheRunNeverScoredAgain() throws Exception {
    // Budget 60 s now; the first run was judged good when it ran (under an earlier budget).
    dev.nines.model.MonitorSpec m = dev.nines.spec.SpecReader.read("t.yaml", """
        apiVersion: nines/v1
        services: [{name: web}]
        monitors:
          - name: checkout
            service: web
            kind: journey
            interval: 5m
            timeout: 90s
            budget: 60s
            steps: [{name: fetch, url: "https://x.example/a"}, {name: assign, url: "https://x.example/b"}]
        """).spec().monitors().get(0);

    JourneyDetail j = JourneyDetail.of(m, List.of(run(true, STEPS), run(false, STEPS),
        run(true, null)));

    assertThat(j.good()).isEqualTo(2);
    assertThat(j.runs()).extracting(r -> r.outcome().reason()).containsExactly(
        dev.nines.uptime.JourneyOutcome.Reason.PASSED,
        dev.nines.uptime.JourneyOutcome.Reason.OVER_BUDGET,
        dev.nines.uptime.JourneyOutcome.Reason.PASSED);
    assertThat(JourneyDetail.verdict(false, List.of())).isNull();
  }

  @Test
  void storedStepsReadBackWithTheirFailureReason() {
    List<StepResult> steps = JourneyDetail.steps("[{\"name\":\"fetch\",\"ok\":true,\"status\":200,"
        + "\"error\":\"\",\"totalMillis\":12.5},{\"name\":\"assign\",\"ok\":false,\"status\":502,"
        + "\"error\":\"\",\"totalMillis\":3}]");
    assertThat(steps).containsExactly(
        new StepResult("fetch", true, Duration.ofNanos(12_500_000), null),
        new StepResult("assign", false, Duration.ofMillis(3), "status 502"));
    assertThat(JourneyDetail.steps("not json")).isEmpty();
    assertThat(JourneyDetail.steps(null)).isEmpty();
  }
}
