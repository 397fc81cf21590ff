package dev.nines.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.testing.FakeClock;
import java.time.DateTimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PeriodicUpdateTest {
  final FakeClock clock = new FakeClock();
  final List<String> log = new ArrayList<>();
  final PeriodicUpdate.Failures failures = new PeriodicUpdate.Failures() {
    @Override public void failed(String step, RuntimeException e, boolean first) {
      log.add(step + (first ? " failed: " : " still fails: ") + e.getMessage());
    }

    @Override public void recovered(String step) {
      log.add(step + " recovered");
    }
  };

  @Test
  void aStepThatThrowsEverySecondDoesNotStopTheOthers() {
    AtomicInteger windows = new AtomicInteger();
    AtomicInteger reloads = new AtomicInteger();
    PeriodicUpdate update = new PeriodicUpdate(clock, failures)
        .step("probe results", () -> {
          throw new DateTimeException("Instant exceeds minimum or maximum instant");
        })
        .step("SLO windows", windows::incrementAndGet)
        .step("spec reload", reloads::incrementAndGet);
    for (int i = 0; i < 120; i++) {
      update.run();
      clock.advance(Duration.ofSeconds(1));
    }
    assertThat(windows).hasValue(120);
    assertThat(reloads).hasValue(120);
    assertThat(log).containsExactly(
        "probe results failed: Instant exceeds minimum or maximum instant",
        "probe results still fails: Instant exceeds minimum or maximum instant");
  }

  @Test
  void aStepThatWorksAgainIsSaidToHaveRecovered() {
    AtomicBoolean broken = new AtomicBoolean(true);
    PeriodicUpdate update = new PeriodicUpdate(clock, failures).step("flush", () -> {
      if (broken.get()) {
        throw new IllegalStateException("store full");
      }
    });
    update.run();
    broken.set(false);
    update.run();
    update.run();
    assertThat(log).containsExactly("flush failed: store full", "flush recovered");
  }
}
