package dev.nines.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SessionsTest {
  private final MutableClock clock = new MutableClock();
  private final Sessions sessions = new Sessions(clock);
  private final Principal sam = new Principal("sam", Role.SRE, null, false);

  @Test
  void aSessionUnusedForEightHoursIsGone() {
    Sessions.Session s = sessions.create(sam);
    clock.now = clock.now.plus(Duration.ofHours(7));
    assertThat(sessions.find(s.id())).isPresent();
    clock.now = clock.now.plus(Duration.ofHours(7));
    assertThat(sessions.find(s.id())).isPresent();
    clock.now = clock.now.plus(Sessions.IDLE);
    assertThat(sessions.find(s.id())).isEmpty();
  }

  @Test
  void noSessionOutlivesSevenDaysEvenWhenUsed() {
    Sessions.Session s = sessions.create(sam);
    for (int h = 0; h < 7 * 24 - 1; h++) {
      clock.now = clock.now.plus(Duration.ofHours(1));
      assertThat(sessions.find(s.id())).isPresent();
    }
    clock.now = clock.now.plus(Duration.ofHours(1));
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
