package dev.nines.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.store.ApiToken;
import dev.nines.store.Store;
import dev.nines.store.Stores;
import dev.nines.testing.FakeClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A revoked token stops working within seconds, even in a server that checked it before. */
class ApiTokensTest {
  @TempDir Path dir;

  @Test
  void aTokenRevokedInTheStoreIsRefusedOnceTheCheckIsStale() throws Exception {
    FakeClock clock = new FakeClock();
    try (Store store = Stores.open(null, dir, null, null)) {
      store.saveToken(new ApiToken("ci", ApiTokens.hash("ci-secret"), Set.of(ApiTokens.READ),
          clock.instant()));
      ApiTokens tokens = new ApiTokens(store, clock);
      assertThat(tokens.check("Bearer ci-secret", ApiTokens.READ).name()).isEqualTo("ci");
      assertThat(store.revokeToken("ci")).isTrue();
      clock.advance(ApiTokens.FRESH.plusSeconds(1));
      org.assertj.core.api.Assertions.assertThatThrownBy(
          () -> tokens.check("Bearer ci-secret", ApiTokens.READ))
          .isInstanceOf(ApiError.class).hasMessage("unknown API token");
    }
  }

  @Test
  void aFreshCheckIsAtMostFiveSecondsOld() {
    assertThat(ApiTokens.FRESH).isLessThanOrEqualTo(Duration.ofSeconds(5));
  }
}
