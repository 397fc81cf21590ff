package dev.nines.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.uptime.State;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link Store} must have; run against SQLite and PostgreSQL. */
abstract class StoreContract {
  static final long MINUTE = 29_000_000L;
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

  private static IngestBatch batch(String key, BucketDelta... deltas) {
    return new IngestBatch(key, List.of(deltas), List.of(), deltas.length);
  }

  @Test
  void ingestAddsToMinuteAndHourBuckets() {
    store.commitIngest(List.of(batch(null, new BucketDelta("a", MINUTE, 9, 10),
        new BucketDelta("a", MINUTE + 1, 5, 5))));
    store.commitIngest(List.of(batch(null, new BucketDelta("a", MINUTE, 1, 2))));
    assertThat(store.minuteBuckets("a", MINUTE, MINUTE + 60)).containsExactly(
        new MinuteBucket(MINUTE, 10, 12), new MinuteBucket(MINUTE + 1, 5, 5));
    assertThat(store.hourBuckets("a", MINUTE / 60, MINUTE / 60 + 1))
        .containsExactly(new MinuteBucket(MINUTE / 60, 15, 17));
    assertThat(store.minuteBuckets("b", 0, Long.MAX_VALUE)).isEmpty();
  }

  @Test
  void aRetriedBatchWithTheSameKeyCountsOnce() {
    boolean[] first = store.commitIngest(List.of(batch("k1", new BucketDelta("a", MINUTE, 1, 1))));
    boolean[] again = store.commitIngest(List.of(batch("k1", new BucketDelta("a", MINUTE, 1, 1)),
        batch("k2", new BucketDelta("a", MINUTE, 1, 1)),
        batch("k2", new BucketDelta("a", MINUTE, 1, 1))));
    assertThat(first).containsExactly(true);
    assertThat(again).containsExactly(false, true, false);
    assertThat(store.minuteBuckets("a", MINUTE, MINUTE + 1))
        .containsExactly(new MinuteBucket(MINUTE, 2, 2));
  }

  @Test
  void latencyHistogramsSumByBound() {
    store.commitIngest(List.of(new IngestBatch(null, List.of(), List.of(
        new HistogramDelta("s /x", MINUTE, 100, 3), new HistogramDelta("s /x", MINUTE + 1, 100, 2),
        new HistogramDelta("s /x", MINUTE, -1, 1)), 6)));
    assertThat(store.latency("s /x", MINUTE, MINUTE + 2)).containsExactly(
        Map.entry(-1L, 1L), Map.entry(100L, 5L));
  }

  @Test
  void bucketsSinceGroupsBySli() {
    store.commitIngest(List.of(batch(null, new BucketDelta("a", MINUTE, 1, 1),
        new BucketDelta("b", MINUTE + 2, 2, 3), new BucketDelta("a", MINUTE - 5, 1, 1))));
    Map<String, List<MinuteBucket>> since = store.minuteBucketsSince(MINUTE);
    assertThat(since).containsOnlyKeys("a", "b");
    assertThat(since.get("b")).containsExactly(new MinuteBucket(MINUTE + 2, 2, 3));
  }

  @Test
  void bucketsSinceStreamBySliThenMinuteWithoutOlderOnes() {
    store.commitIngest(List.of(batch(null, new BucketDelta("b", MINUTE + 2, 2, 3),
        new BucketDelta("a", MINUTE + 1, 1, 1), new BucketDelta("a", MINUTE, 4, 5),
        new BucketDelta("a", MINUTE - 5, 1, 1))));
    List<String> seen = new ArrayList<>();
    store.forEachMinuteBucketSince(MINUTE, (sli, minute, good, valid) ->
        seen.add(sli + "@" + (minute - MINUTE) + "=" + good + "/" + valid));
    assertThat(seen).containsExactly("a@0=4/5", "a@1=1/1", "b@2=2/3");
  }

  @Test
  void observationsAreKeptAndStateChangesDerived() {
    Instant t = Instant.parse("2026-10-01T10:00:00Z");
    store.appendObservations(List.of(
        new StoredObservation("m", "eu", t, State.OK, null, "probe"),
        new StoredObservation("m", "eu", t.plusSeconds(10), State.OK, null, "probe"),
        new StoredObservation("m", "eu", t.plusSeconds(20), State.ERROR, "500", "probe")));
    store.appendObservations(List.of(
        new StoredObservation("m", "eu", t.plusSeconds(30), State.ERROR, "500", "probe")));
    assertThat(store.observations("m", t, t.plusSeconds(60))).extracting(StoredObservation::state)
        .containsExactly(State.OK, State.OK, State.ERROR, State.ERROR);
    assertThat(store.observations("m", t.plusSeconds(15), t.plusSeconds(25))).hasSize(1);
  }

  @Test
  void attemptsRoundTripWithMissingPhases() {
    Instant t = Instant.parse("2026-10-01T10:00:00Z");
    StoredAttempt ok = new StoredAttempt("m", "eu", t, true, 200, null, 1.5, 2.0, 3.25, 10.0,
        12.5, null, t.plus(java.time.Duration.ofDays(40)).plusSeconds(3600));
    StoredAttempt failed = new StoredAttempt("m", "eu", t.plusSeconds(5), false, null,
        "connect refused", 1.0, null, null, null, 3.0, "[]");
    store.appendAttempts(List.of(ok, failed));
    assertThat(store.attempts("m", t, t.plusSeconds(60), 10)).containsExactly(failed, ok);
    assertThat(store.attempts("m", t, t.plusSeconds(60), 1)).containsExactly(failed);
    assertThat(store.attempts("m", t, t.plusSeconds(60), 10).get(1).certDaysLeft()).isEqualTo(40);
    assertThat(failed.certDaysLeft()).isNull();
  }

  @Test
  void probeResultsPushedTwiceAreStoredOnce() {
    Instant t = Instant.parse("2026-10-01T10:00:00Z");
    List<StoredAttempt> attempts = List.of(new StoredAttempt("m", "us", t, true, 200, null, null,
        null, null, null, 4.0, null));
    List<StoredObservation> states = List.of(new StoredObservation("m", "us", t, State.OK, null,
        "agent"));
    assertThat(store.appendProbeResults("agent-1:7", attempts, states)).isTrue();
    assertThat(store.appendProbeResults("agent-1:7", attempts, states)).isFalse();
    assertThat(store.attempts("m", t, t.plusSeconds(1), 10)).hasSize(1);
    assertThat(store.observations("m", t, t.plusSeconds(1))).hasSize(1);
  }

  @Test
  void pruneDropsRawDataAndOldMinutesButKeepsHours() {
    Instant t = Instant.ofEpochSecond(MINUTE * 60);
    store.appendAttempts(List.of(new StoredAttempt("m", "eu", t, true, 200, null, null, null,
        null, null, 1.0, null)));
    store.commitIngest(List.of(batch(null, new BucketDelta("a", MINUTE, 1, 1))));
    long deleted = store.prune(t.plusSeconds(1), t.plusSeconds(60));
    assertThat(deleted).isEqualTo(2);
    assertThat(store.minuteBuckets("a", 0, Long.MAX_VALUE)).isEmpty();
    assertThat(store.hourBuckets("a", 0, Long.MAX_VALUE)).hasSize(1);
  }

  @Test
  void tokensAreFoundByHashOnly() {
    store.saveToken(new ApiToken("loadgen", "abc123", Set.of("events:write"),
        Instant.parse("2026-10-01T00:00:00Z")));
    assertThat(store.useToken("abc123", Instant.parse("2026-10-02T00:00:00Z"))).get()
        .extracting(ApiToken::scopes).isEqualTo(Set.of("events:write"));
    assertThat(store.useToken("other", Instant.parse("2026-10-02T00:00:00Z"))).isEmpty();
  }

  @Test
  void pingAnswersWhileOpen() {
    assertThat(store.ping()).isTrue();
  }

  @Test
  void usersAreSavedOnceAndFoundByName() {
    Instant t = Instant.parse("2026-10-01T00:00:00Z");
    AppUser dana = new AppUser("dana", "$2a$hash", "client", "acme", t);
    assertThat(store.saveUser(dana)).isTrue();
    assertThat(store.saveUser(new AppUser("dana", "other", "admin", null, t))).isFalse();
    assertThat(store.saveUser(new AppUser("ada", "h2", "admin", null, t))).isTrue();
    assertThat(store.user("dana")).contains(dana);
    assertThat(store.user("nobody")).isEmpty();
    assertThat(store.users()).extracting(AppUser::name).containsExactly("ada", "dana");
  }

  @Test
  void aPasswordHashIsReplacedForAKnownUserOnly() {
    Instant t = Instant.parse("2026-10-01T00:00:00Z");
    store.saveUser(new AppUser("ada", "old", "admin", null, t));
    assertThat(store.setPasswordHash("ada", "new")).isTrue();
    assertThat(store.setPasswordHash("bob", "new")).isFalse();
    assertThat(store.user("ada")).get().extracting(AppUser::passwordHash).isEqualTo("new");
  }

  @Test
  void anEmptyOutboxHasNothingPending() {
    assertThat(store.outboxPending()).isZero();
  }
}
