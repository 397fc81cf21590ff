package dev.nines.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.testing.FakeClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SessionsTest {
  private final FakeClock clock = new FakeClock(Instant.parse("2026-10-01T10:00:00Z"));
  private final Sessions sessions = new Sessions(clock);
  private final Principal sam = new Principal("sam", Role.SRE, null, false);

  @Test
  void aSessionUnusedForEightHoursIsGone() {
    Sessions.Session s = sessions.create(sam);
    clock.advance(Duration.ofHours(7));
    assertThat(sessions.find(s.id())).isPresent();
    clock.advance(Duration.ofHours(7));
    assertThat(sessions.find(s.id())).isPresent();
    clock.advance(Sessions.IDLE);
    assertThat(sessions.find(s.id())).isEmpty();
  }

  @Test
  void noSessionOutlivesSevenDaysEvenWhenUsed() {
    Sessions.Session s = sessions.create(sam);
    for (int h = 0; h < 7 * 24 - 1; h++) {
      clock.advance(Duration.ofHours(1));
      assertThat(sessions.find(s.id())).isPresent();
    }
    clock.advance(Duration.ofHours(1));
    assertThat(sessions.find(s.id())).isEmpty();
  }

  @Test
  void sessionsHaveDistinctIdsAndCsrfTokensComparedExactly() {
    Sessions.Session a = sessions.create(sam);
    Sessions.Session b = sessions.create(sam);
    assertThat(a.id()).isNotEqualTo(b.id()).hasSize(43);
    assertThat(a.csrfMatches(a.csrfToken())).isTrue();
    assertThat(a.csrfMatches(b.csrfToken())).isFalse();
    assertThat(a.csrfMatches(null)).isFalse();
    sessions.removeUser("sam");
    assertThat(sessions.size()).isZero();
  }
}
