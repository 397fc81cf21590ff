package dev.nines.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.testing.FakeClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginLimiterTest {
  private final FakeClock clock = new FakeClock(Instant.parse("2026-10-01T10:00:00Z"));
  private final LoginLimiter limiter = new LoginLimiter(clock);

  @Test
  void fiveFailuresOfOneUserAndAddressBlockUntilTheFirstLeavesTheMinute() {
    for (int i = 0; i < 5; i++) {
      assertThat(limiter.wait("Ada", "10.0.0.1")).isZero();
      limiter.failed("Ada", "10.0.0.1");
      clock.advance(Duration.ofSeconds(10));
    }
    assertThat(limiter.wait("ada", "10.0.0.1")).isEqualTo(Duration.ofSeconds(10));
    assertThat(limiter.wait("ada", "10.0.0.2")).isZero();
    assertThat(limiter.wait("bob", "10.0.0.1")).isZero();
    clock.advance(Duration.ofSeconds(10));
    assertThat(limiter.wait("ada", "10.0.0.1")).isZero();
  }

  @Test
  void twentyFailuresFromOneAddressBlockEveryName() {
    for (int i = 0; i < 20; i++) {
      limiter.failed("user" + i, "10.0.0.9");
    }
    assertThat(limiter.wait("someone-else", "10.0.0.9")).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void aSuccessClearsTheFailuresOfItsNameAndAddress() {
    for (int i = 0; i < 4; i++) {
      limiter.failed("ada", "10.0.0.1");
    }
    limiter.succeeded("ada", "10.0.0.1");
    limiter.failed("ada", "10.0.0.1");
    assertThat(limiter.wait("ada", "10.0.0.1")).isZero();
  }
}
