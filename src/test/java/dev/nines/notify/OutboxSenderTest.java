package dev.nines.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.model.Spec;
import dev.nines.spec.SpecReader;
import dev.nines.store.OutboxMessage;
import dev.nines.store.Store;
import dev.nines.store.Stores;
import dev.nines.testing.FakeClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The sender against a real webhook receiver, over a real SQLite store, on a fake clock. */
class OutboxSenderTest {
  private static final String SPEC = """
      apiVersion: nines/v1
      channels:
        - {name: oncall, kind: webhook, url: "env:ONCALL", secret: "env:ONCALL_KEY"}
      """;

  @TempDir Path dir;
  final Receiver receiver = new Receiver();
  final FakeClock clock = new FakeClock();
  final SendCounters counters = new SendCounters();
  final AtomicReference<Spec> spec = new AtomicReference<>();
  Store store;
  Outbox outbox;
  final List<OutboxSender> senders = new ArrayList<>();

  @BeforeEach
  void open() throws Exception {
    spec.set(SpecReader.read("t.yaml", SPEC).spec());
    store = Stores.open(null, dir, null, null);
    outbox = new Outbox(store, spec::get, clock, () -> { });
  }

  @AfterEach
  void close() {
    senders.forEach(OutboxSender::close);
    store.close();
    receiver.close();
  }

  private OutboxSender sender(Store on, OutboxSender.Options options) {
    Channels channels = new Channels(spec::get, new Secrets(Map.of("ONCALL",
        receiver.url("/hook"), "ONCALL_KEY", "k")::get), HttpPost.defaultClient(), clock);
    // Jitter 0: every wait is the full backoff, so the schedule below is exact.
    OutboxSender s = new OutboxSender(on, channels::channel, clock, options, counters, () -> 0);
    senders.add(s);
    return s;
  }

  private OutboxSender sender() {
    return sender(store, OutboxSender.Options.defaults());
  }

  private void enqueue(int n) {
    for (int i = 0; i < n; i++) {
      outbox.enqueue(Samples.firing("alert-" + i));
    }
  }

  /** How many times each key reached the receiver. */
  private Map<String, Long> received() {
    return receiver.requests().stream().collect(Collectors.groupingBy(
        r -> r.header("X-Nines-Key"), Collectors.counting()));
  }

  private Map<String, OutboxMessage> rows() {
    return store.outbox(null, null, 0, 1000).messages().stream()
        .collect(Collectors.toMap(OutboxMessage::key, Function.identity()));
  }

  /** Runs the sender every {@code step} for {@code span} of fake time. */
  private void run(OutboxSender s, Duration span, Duration step) {
    Instant until = clock.instant().plus(span);
    while (clock.instant().isBefore(until)) {
      s.runOnce();
      clock.advance(step);
    }
  }

  @Test
  void aReceiverDownForTenMinutesGetsEverythingOnceWhenItIsBack() {
    Instant start = clock.instant();
    enqueue(20);
    receiver.stop();
    OutboxSender s = sender();
    run(s, Duration.ofMinutes(10), Duration.ofSeconds(5));
    assertThat(receiver.requests()).isEmpty();
    assertThat(rows().get("alert-0").lastError())
        .matches("webhook oncall: cannot connect to 127\\.0\\.0\\.1:\\d+ \\(connection refused\\)");
    receiver.restart();
    run(s, Duration.ofMinutes(3), Duration.ofSeconds(5));
    assertThat(received()).hasSize(20).allSatisfy((key, times) -> assertThat(times).isOne());
    // Tries at 0, 5, 15, 35, 75, 155, 275, 395, 515 s fail (5 s doubling, at most 2 min); the
    // tenth, at 635 s, reaches the receiver that came back at 600 s.
    assertThat(rows().values()).allSatisfy(r -> {
      assertThat(r.status()).isEqualTo(OutboxMessage.DELIVERED);
      assertThat(r.attempts()).isEqualTo(10);
      assertThat(r.deliveredAt()).isEqualTo(start.plusSeconds(635));
    });
    assertThat(counters.snapshot()).containsExactly(
        new SendCounters.Count("oncall", "delivered", 20),
        new SendCounters.Count("oncall", "retry", 180),
        new SendCounters.Count("oncall", "failed", 0));
  }

  @Test
  void aRestartedSenderResendsNothingThatWasDelivered() {
    enqueue(5);
    assertThat(sender().runOnce()).isEqualTo(5);
    senders.forEach(OutboxSender::close);
    store.close();
    store = Stores.open(null, dir, null, null);
    clock.advance(Duration.ofHours(1));
    OutboxSender again = sender();
    assertThat(again.runOnce()).isZero();
    assertThat(received()).hasSize(5).allSatisfy((key, times) -> assertThat(times).isOne());
  }

  @Test
  void theRowsOfASenderThatDiedMidSendAreSentWhenItsLeaseEnds() {
    enqueue(3);
    Instant now = clock.instant();
    Duration lease = OutboxSender.Options.defaults().lease();
    assertThat(store.claimOutbox("died:1", now, now.plus(lease), 2)).hasSize(2);
    OutboxSender s = sender();
    assertThat(s.runOnce()).as("only the row nobody holds").isEqualTo(1);
    clock.advance(lease.minusSeconds(1));
    assertThat(s.runOnce()).isZero();
    clock.advance(Duration.ofSeconds(1));
    assertThat(s.runOnce()).isEqualTo(2);
    assertThat(received()).hasSize(3).allSatisfy((key, times) -> assertThat(times).isOne());
  }

  @Test
  void twoSendersOnOneDatabaseSendEachRowOnce() throws Exception {
    enqueue(300);
    try (Store second = Stores.open(null, dir, null, null)) {
      OutboxSender.Options small = OutboxSender.Options.defaults().withConcurrency(4, 10);
      OutboxSender a = sender(store, small);
      OutboxSender b = sender(second, small);
      Thread ta = Thread.ofPlatform().start(() -> {
        while (a.runOnce() > 0) {
          Thread.onSpinWait();
        }
      });
      while (b.runOnce() > 0) {
        Thread.onSpinWait();
      }
      ta.join();
      b.close();
    }
    assertThat(received()).hasSize(300).allSatisfy((key, times) -> assertThat(times).isOne());
    assertThat(store.outboxPending()).isZero();
  }

  @Test
  void aRefusalIsFailedAtOnceAndAServerErrorRetriedIn5Seconds() {
    receiver.answer(410, "hook deleted");
    outbox.enqueue(Samples.firing("gone"));
    OutboxSender s = sender();
    s.runOnce();
    receiver.answer(502, "bad gateway");
    outbox.enqueue(Samples.firing("busy"));
    s.runOnce();
    OutboxMessage gone = rows().get("gone");
    assertThat(gone.status()).isEqualTo(OutboxMessage.FAILED);
    assertThat(gone.attempts()).isOne();
    assertThat(gone.lastError()).matches("webhook oncall: 127\\.0\\.0\\.1:\\d+ answered HTTP 410: "
        + "hook deleted");
    OutboxMessage busy = rows().get("busy");
    assertThat(busy.status()).isEqualTo(OutboxMessage.PENDING);
    assertThat(busy.nextAttemptAt()).isEqualTo(clock.instant().plusSeconds(5));
    assertThat(busy.lastError()).endsWith("answered HTTP 502: bad gateway");
  }

  @Test
  void aMessageStillUndeliveredAtItsMaxAgeIsGivenUp() {
    receiver.answer(503, "");
    outbox.enqueue(Samples.firing("old"));
    OutboxSender s = sender(store, OutboxSender.Options.defaults().withMaxAge(Duration.ofHours(1)));
    run(s, Duration.ofMinutes(61), Duration.ofSeconds(5));
    OutboxMessage old = rows().get("old");
    assertThat(old.status()).isEqualTo(OutboxMessage.FAILED);
    // 0, 5, 15, 35, 75, 155 s, then every 120 s: the try at 3,635 s is the 35th, the first at
    // or after the hour.
    assertThat(old.attempts()).isEqualTo(35);
    assertThat(old.lastError()).matches("gave up after 35 attempts over 1h: webhook oncall: "
        + "127\\.0\\.0\\.1:\\d+ answered HTTP 503");
  }

  @Test
  void aChannelRemovedFromTheSpecFailsItsRows() throws Exception {
    outbox.enqueue(Samples.firing("orphan"));
    spec.set(SpecReader.read("t.yaml", "apiVersion: nines/v1\n").spec());
    sender().runOnce();
    assertThat(rows().get("orphan").lastError())
        .isEqualTo("channel 'oncall' is not in the spec in force");
    assertThat(rows().get("orphan").status()).isEqualTo(OutboxMessage.FAILED);
  }

  @Test
  void theBackgroundSenderDeliversWhatIsEnqueued() throws Exception {
    OutboxSender s = sender();
    Outbox woken = new Outbox(store, spec::get, clock, s::wake);
    s.start();
    woken.enqueue(Samples.firing("live"));
    long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (receiver.requests().isEmpty() && System.nanoTime() < until) {
      Thread.sleep(10);
    }
    s.close();
    assertThat(received()).containsExactly(Map.entry("live", 1L));
    assertThat(rows().get("live").status()).isEqualTo(OutboxMessage.DELIVERED);
  }

  @ParameterizedTest(name = "after {0} failures with jitter {1} the wait is {2} ms")
  @CsvSource({"1, 0, 5000", "2, 0, 10000", "3, 0, 20000", "5, 0, 80000", "6, 0, 120000",
      "40, 0, 120000", "1, 0.5, 4500", "6, 0.999999, 96000"})
  void theBackoffDoublesFrom5SecondsToAtMost2MinutesLessUpTo20PercentJitter(int failures,
      double jitter, long millis) {
    assertThat(OutboxSender.backoff(failures, OutboxSender.Options.defaults(), jitter))
        .isEqualTo(Duration.ofMillis(millis));
  }
}
