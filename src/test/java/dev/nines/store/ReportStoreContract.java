package dev.nines.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Archived reports, daily uptime and status subscribers; run on SQLite and PostgreSQL. */
abstract class ReportStoreContract {
  static final Instant T = Instant.parse("2026-11-01T00:15:00Z");
  Store store;

  abstract Store open() throws Exception;

  @BeforeEach
  void openStore() throws Exception {
    store = open();
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  @Test
  void aReportIsArchivedOncePerClientPeriodAndFormatAndReplacedWhenRegenerated() {
    byte[] pdf = {'%', 'P', 'D', 'F', 0, (byte) 0xff};
    store.saveReport(StoredReport.of("acme", "2026-10", "pdf", T, "abc", pdf));
    store.saveReport(StoredReport.of("acme", "2026-10", "md", T, "abc",
        "# Oct".getBytes(StandardCharsets.UTF_8)));
    store.saveReport(StoredReport.of("acme", "2026-09", "pdf", T, "old", pdf));
    store.saveReport(StoredReport.of("globex", "2026-10", "pdf", T, "g", pdf));
    store.saveReport(StoredReport.of("acme", "2026-10", "pdf", T.plusSeconds(60), "abc", pdf));
    assertThat(store.report("acme", "2026-10", "pdf")).get().isEqualTo(
        StoredReport.of("acme", "2026-10", "pdf", T.plusSeconds(60), "abc", pdf));
    assertThat(store.reports("acme")).extracting(r -> r.period() + " " + r.format() + " "
        + r.size()).containsExactly("2026-10 md 5", "2026-10 pdf 6", "2026-09 pdf 6");
    assertThat(store.reports(null)).hasSize(4);
    assertThat(store.report("acme", "2026-08", "pdf")).isEmpty();
  }

  @Test
  void uptimeDaysAreKeptByMonitorAndSpan() {
    UptimeDay a = new UptimeDay("health", T, T.plusSeconds(86_400), 86_000_000, 400_000, 0,
        85_990_000, 20_000);
    UptimeDay b = new UptimeDay("health", T.plusSeconds(86_400), T.plusSeconds(172_800), 1, 2, 3,
        1, 5);
    store.saveUptimeDays(List.of(a, b, new UptimeDay("other", T, T.plusSeconds(86_400), 9, 9, 9,
        9, 9)));
    store.saveUptimeDays(List.of(new UptimeDay("health", T.plusSeconds(86_400),
        T.plusSeconds(172_800), 7, 0, 0, 7, 0)));
    assertThat(store.uptimeDays("health", T, T.plusSeconds(172_800))).containsExactly(a,
        new UptimeDay("health", T.plusSeconds(86_400), T.plusSeconds(172_800), 7, 0, 0, 7, 0));
    assertThat(store.uptimeDays("health", T, T.plusSeconds(86_400))).containsExactly(a);
  }

  @Test
  void aSubscriptionIsPendingUntilConfirmedAndEndsWithItsToken() {
    Subscriber s = store.addSubscriber("acme", "v@example.org", "tok1", T);
    assertThat(s.active()).isFalse();
    assertThat(store.addSubscriber("acme", "v@example.org", "tok2", T).token()).isEqualTo("tok1");
    assertThat(store.subscribers("acme")).isEmpty();
    assertThat(store.confirmSubscriber("tok1", T.plusSeconds(5))).isTrue();
    assertThat(store.confirmSubscriber("tok1", T.plusSeconds(6))).isFalse();
    assertThat(store.subscribers("acme")).extracting(Subscriber::email)
        .containsExactly("v@example.org");
    assertThat(store.subscribers("globex")).isEmpty();
    assertThat(store.unsubscribe("tok1", T.plusSeconds(9))).isTrue();
    assertThat(store.unsubscribe("tok1", T.plusSeconds(9))).isFalse();
    assertThat(store.subscribers("acme")).isEmpty();
    assertThat(store.subscriber("tok1")).get().extracting(Subscriber::unsubscribedAt)
        .isEqualTo(T.plusSeconds(9));
    assertThat(store.addSubscriber("acme", "v@example.org", "tok3", T).token()).isEqualTo("tok3");
    assertThat(store.subscriber("nope")).isEmpty();
  }
}
