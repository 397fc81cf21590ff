package dev.nines.demo.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.testing.FakeClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CdnCacheTest {
  private final FakeClock clock = new FakeClock();
  private final CdnCache cache = new CdnCache(clock);
  private static final byte[] PAGE = "<h1>FAQ</h1>".getBytes(StandardCharsets.UTF_8);

  @Test
  void aResponseIsFreshForItsMaxAgeThenServedOnlyWhenTheOriginFails() {
    assertThat(cache.offer("/faq", 200, "public, max-age=300, stale-if-error=86400",
        "text/html", PAGE)).isTrue();
    clock.advance(Duration.ofSeconds(299));
    assertThat(cache.fresh("/faq")).isNotNull();
    clock.advance(Duration.ofSeconds(1));
    assertThat(cache.fresh("/faq")).isNull();
    assertThat(cache.staleOnError("/faq").body()).isEqualTo(PAGE);
    clock.advance(Duration.ofSeconds(86_400));
    assertThat(cache.staleOnError("/faq")).isNull();
  }

  @Test
  void withoutStaleIfErrorAnExpiredCopyIsNeverServed() {
    cache.offer("/get-banner", 200, "max-age=60", "application/json", PAGE);
    clock.advance(Duration.ofSeconds(60));
    assertThat(cache.staleOnError("/get-banner")).isNull();
  }

  @Test
  void privateNoStoreUncacheableAndFailedResponsesAreNotStored() {
    assertThat(cache.offer("/a", 200, "private, max-age=60", null, PAGE)).isFalse();
    assertThat(cache.offer("/b", 200, "no-store", null, PAGE)).isFalse();
    assertThat(cache.offer("/c", 200, null, null, PAGE)).isFalse();
    assertThat(cache.offer("/d", 200, "public", null, PAGE)).isFalse();
    assertThat(cache.offer("/e", 502, "max-age=60", null, PAGE)).isFalse();
    assertThat(cache.fresh("/a")).isNull();
  }

  @Test
  void sMaxAgeIsNotMistakenForMaxAge() {
    assertThat(cache.offer("/f", 200, "s-maxage=600", null, PAGE)).isFalse();
  }
}
