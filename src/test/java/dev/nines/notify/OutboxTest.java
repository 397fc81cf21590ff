package dev.nines.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.model.Spec;
import dev.nines.spec.SpecReader;
import dev.nines.store.OutboxMessage;
import dev.nines.store.Store;
import dev.nines.store.Stores;
import dev.nines.testing.FakeClock;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {
  static final String SPEC = """
      apiVersion: nines/v1
      clients:
        - name: acme
        - name: globex
      channels:
        - {name: oncall, kind: webhook, url: "env:ONCALL"}
        - {name: acme-mail, kind: email, audience: client, client: acme, to: [dana@acme.example]}
        - {name: globex-chat, kind: slack, audience: client, client: globex, url: "env:GLOBEX"}
      """;

  @TempDir Path dir;
  Store store;
  Outbox outbox;
  final AtomicInteger wakes = new AtomicInteger();

  @BeforeEach
  void open() throws Exception {
    store = Stores.open(null, dir, null, null);
    Spec spec = SpecReader.read("t.yaml", SPEC).spec();
    outbox = new Outbox(store, () -> spec, new FakeClock(), wakes::incrementAndGet);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private List<OutboxMessage> rows() {
    return store.outbox(null, null, 0, 100).messages();
  }

  @Test
  void anAlertIsStoredForTheTeamChannelOnly() {
    Outbox.Enqueued e = outbox.enqueue(Samples.firing("alert-1"));
    assertThat(e.queued()).containsExactly("oncall");
    assertThat(rows()).singleElement().satisfies(r -> {
      assertThat(r.channel()).isEqualTo("oncall");
      assertThat(r.status()).isEqualTo(OutboxMessage.PENDING);
      assertThat(r.kind()).isEqualTo("alert");
      assertThat(r.client()).isEqualTo("acme");
      assertThat(r.nextAttemptAt()).isEqualTo(FakeClock.NOW);
    });
    assertThat(wakes).hasValue(1);
  }

  @Test
  void aClientNoticeGoesToItsClientsChannelOnlyAndOnceUnderOneKey() {
    assertThat(outbox.enqueue(Samples.notice("notice-1", "acme")).queued())
        .containsExactly("acme-mail");
    Outbox.Enqueued again = outbox.enqueue(Samples.notice("notice-1", "acme"));
    assertThat(again.queued()).isEmpty();
    assertThat(again.duplicates()).containsExactly("acme-mail");
    assertThat(rows()).extracting(OutboxMessage::channel).containsExactly("acme-mail");
    assertThat(wakes).hasValue(1);
  }

  @Test
  void aNotificationNoChannelTakesIsRecordedAsFailedWithTheReason() {
    Outbox.Enqueued e = outbox.enqueue(Samples.notice("notice-2", "initech"));
    assertThat(e.queued()).isEmpty();
    assertThat(e.unrouted()).isEqualTo("no channel for client initech: the spec has no "
        + "audience: client channel of client initech");
    assertThat(rows()).singleElement().satisfies(r -> {
      assertThat(r.channel()).isEqualTo(Outbox.NO_CHANNEL);
      assertThat(r.status()).isEqualTo(OutboxMessage.FAILED);
      assertThat(r.lastError()).isEqualTo(e.unrouted());
    });
    assertThat(store.outboxPending()).isZero();
    assertThat(wakes).hasValue(0);
  }

  @Test
  void severalNotificationsAreStoredInOneGo() {
    List<Outbox.Enqueued> all = outbox.enqueueAll(List.of(Samples.firing("a"),
        Samples.notice("b", "globex"), Samples.notice("c", "initech")));
    assertThat(all).extracting(Outbox.Enqueued::queued).containsExactly(List.of("oncall"),
        List.of("globex-chat"), List.of());
    assertThat(store.outboxPending()).isEqualTo(2);
  }
}
