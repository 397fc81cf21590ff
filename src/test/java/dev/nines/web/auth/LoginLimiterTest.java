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

  @Test
  void namesAndAddressesAreForgottenOnceTheirLastFailureLeavesTheWindow() {
    for (int i = 0; i < 1_000; i++) {
      limiter.failed("user" + i, "10.0." + i / 250 + "." + i % 250);
      clock.advance(Duration.ofMillis(30));
    }
    assertThat(limiter.size()).as("1,000 names and 1,000 addresses in 30 s").isEqualTo(2_000);
    clock.advance(Duration.ofSeconds(45));
    limiter.wait("anyone", "10.9.9.9");
    assertThat(limiter.size()).as("the first 15 s have left the window").isBetween(980, 1_020);
    clock.advance(LoginLimiter.WINDOW);
    limiter.wait("anyone", "10.9.9.9");
    assertThat(limiter.size()).isZero();
  }

  @Test
  void pastItsBoundTheLimiterForgetsTheOldestFailuresFirst() {
    LoginLimiter small = new LoginLimiter(clock, 100);
    for (int i = 0; i < 500; i++) {
      small.failed("user" + i, "10.0.0.1");
      assertThat(small.size()).isLessThanOrEqualTo(100);
    }
    for (int i = 0; i < 5; i++) {
      small.failed("ada", "10.0.0.2");
    }
    assertThat(small.size()).isEqualTo(100);
    assertThat(small.wait("ada", "10.0.0.2")).as("the newest are kept").isPositive();
    assertThat(small.wait("someone", "10.0.0.1")).as("an address failing now is kept")
        .isPositive();
  }
}
