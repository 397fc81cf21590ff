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
