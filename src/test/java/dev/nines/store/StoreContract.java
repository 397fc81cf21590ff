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

  /** The JDBC URL of the database {@link #open()} opens. */
  abstract String jdbcUrl();

  /** Deletes the database {@link #open()} opens, schema and all. */
  abstract void wipe() throws Exception;

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
  void claimsCarryTheStampOfTheCommitThatMadeThem() {
    Instant at = Instant.ofEpochSecond(MINUTE * 60);
    BatchResult[] first = store.commitIngest(List.of(batch("k1", new BucketDelta("a", MINUTE, 1,
        1)), batch(null, new BucketDelta("a", MINUTE, 1, 1))), 7, at);
    BatchResult[] again = store.commitIngest(List.of(batch("k1", new BucketDelta("a", MINUTE, 1,
        1)), batch("k2", new BucketDelta("a", MINUTE, 1, 1))), 9, at);
    assertThat(first).containsExactly(new BatchResult(true, 7, true),
        new BatchResult(true, 0, true));
    assertThat(again).containsExactly(new BatchResult(false, 7, true),
        new BatchResult(true, 9, true));
  }

  @Test
  void aRepeatTellsWhetherItsBodyIsTheOneTheKeyWasClaimedWith() {
    Instant at = Instant.ofEpochSecond(MINUTE * 60);
    IngestBatch b = batch("k", new BucketDelta("a", MINUTE, 1, 1)).withFingerprint("f1");
    store.commitIngest(List.of(b), 1, at);
    assertThat(store.commitIngest(List.of(b, b.withFingerprint("f2"), b.withFingerprint(null)),
        2, at)).containsExactly(new BatchResult(false, 1, true), new BatchResult(false, 1, false),
        new BatchResult(false, 1, true));
    assertThat(store.minuteBuckets("a", MINUTE, MINUTE + 1))
        .containsExactly(new MinuteBucket(MINUTE, 1, 1));
  }

  @Test
  void aMinuteKeyOutlivesTheRawRetentionAndGoesWithItsMinute() {
    Instant received = Instant.ofEpochSecond(MINUTE * 60);
    IngestBatch pulled = dev.nines.ingest.prometheus.MinuteCounts.batch(
        new BucketDelta("p", MINUTE, 5, 6));
    IngestBatch event = batch("e", new BucketDelta("a", MINUTE, 1, 1));
    store.commitIngest(List.of(pulled, event), 1, received);
    Instant monthLater = received.plus(java.time.Duration.ofDays(31));
    store.prune(monthLater, received);            // raw data is past retention, buckets are not
    assertThat(store.commitIngest(List.of(pulled, event), 2, monthLater))
        .extracting(BatchResult::stored).containsExactly(false, true);
    assertThat(store.minuteBuckets("p", MINUTE, MINUTE + 1))
        .containsExactly(new MinuteBucket(MINUTE, 5, 6));
    store.prune(monthLater, received.plusSeconds(60));   // the minute itself goes
    assertThat(store.minuteBuckets("p", MINUTE, MINUTE + 1)).isEmpty();
    assertThat(store.commitIngest(List.of(pulled), 3, monthLater)[0].stored()).isTrue();
  }

  @Test
  void minuteKeysClaimedBeforeTheUpgradeAreKeptWithTheirMinuteToo() throws Exception {
    store.close();
    store = null;
    wipe();
    org.flywaydb.core.Flyway.configure().dataSource(jdbcUrl(), null, null)
        .placeholders(Stores.dialectOf(jdbcUrl()).placeholders()).locations("classpath:db/migration")
        .target("1").load().migrate();
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(jdbcUrl());
        java.sql.Statement st = c.createStatement()) {
      st.executeUpdate("INSERT INTO ingest_batch (idempotency_key, received_at, events) VALUES "
          + "('prom:slo-a:" + MINUTE + "', 0, 1), ('agent-1:7', 0, 2)");
    }
    store = Stores.open(jdbcUrl(), null, null, null);
    Instant monthLater = Instant.ofEpochSecond(MINUTE * 60).plus(java.time.Duration.ofDays(31));
    assertThat(store.prune(monthLater, Instant.ofEpochSecond(MINUTE * 60))).isEqualTo(1);
    IngestBatch pulled = dev.nines.ingest.prometheus.MinuteCounts.batch(
        new BucketDelta("slo-a", MINUTE, 1, 1));
    assertThat(store.commitIngest(List.of(pulled))).containsExactly(false);
  }

  @Test
  void aBucketSnapshotHoldsWhatWasCommittedBeforeItOpenedAndNothingAfter() {
    store.commitIngest(List.of(batch(null, new BucketDelta("a", MINUTE, 1, 1),
        new BucketDelta("b", MINUTE, 2, 2))));
    List<String> seen = new ArrayList<>();
    try (Store.BucketCursor cursor = store.openMinuteBucketsSince(MINUTE)) {
      store.commitIngest(List.of(batch(null, new BucketDelta("a", MINUTE, 10, 10),
          new BucketDelta("a", MINUTE + 1, 10, 10), new BucketDelta("c", MINUTE, 3, 3))));
      cursor.forEach((sli, minute, good, valid) -> seen.add(sli + "@" + (minute - MINUTE) + "="
          + good + "/" + valid));
    }
    assertThat(seen).containsExactly("a@0=1/1", "b@0=2/2");
    seen.clear();
    try (Store.BucketCursor cursor = store.openMinuteBucketsSince(MINUTE, List.of("c", "a"))) {
      store.commitIngest(List.of(batch(null, new BucketDelta("c", MINUTE, 1, 1))));
      cursor.forEach((sli, minute, good, valid) -> seen.add(sli + "@" + (minute - MINUTE) + "="
          + good + "/" + valid));
    }
    assertThat(seen).as("only the SLIs asked for").containsExactly("a@0=11/11", "a@1=10/10",
        "c@0=3/3");
    assertThat(store.minuteBuckets("a", MINUTE, MINUTE + 2)).containsExactly(
        new MinuteBucket(MINUTE, 11, 11), new MinuteBucket(MINUTE + 1, 10, 10));
  }

  @Test
  void replacingBucketsRewritesTheRangeAndMovesTheHourRollupsByTheDifference() {
    long hour = Math.floorDiv(MINUTE, 60);                // MINUTE is minute 20 of its hour
    store.commitIngest(List.of(batch(null, new BucketDelta("a", MINUTE, 10, 10),
        new BucketDelta("a", MINUTE + 1, 5, 10), new BucketDelta("a", MINUTE + 2, 3, 3),
        new BucketDelta("a", MINUTE + 50, 7, 7), new BucketDelta("b", MINUTE + 1, 1, 1))));
    long[] changed = store.replaceMinuteBuckets(List.of(
        new BucketReplacement("a", MINUTE + 1, MINUTE + 3, List.of(
            new MinuteBucket(MINUTE + 1, 10, 10))),
        new BucketReplacement("a", MINUTE + 40, MINUTE + 60, List.of()),
        new BucketReplacement("c", MINUTE, MINUTE + 1, List.of(new MinuteBucket(MINUTE, 0, 4)))));
    assertThat(changed).as("minute +1 rewritten, +2 emptied; +50 emptied; c's minute new")
        .containsExactly(2, 1, 1);
    assertThat(store.minuteBuckets("a", MINUTE - 60, MINUTE + 120)).containsExactly(
        new MinuteBucket(MINUTE, 10, 10), new MinuteBucket(MINUTE + 1, 10, 10));
    assertThat(store.hourBuckets("a", hour, hour + 2)).as("each hour sums its minutes again")
        .containsExactly(new MinuteBucket(hour, 20, 20));
    assertThat(store.minuteBuckets("b", MINUTE, MINUTE + 2)).as("other SLIs untouched")
        .containsExactly(new MinuteBucket(MINUTE + 1, 1, 1));
    assertThat(store.hourBuckets("c", hour, hour + 1)).containsExactly(new MinuteBucket(hour, 0, 4));

    store.commitIngest(List.of(batch(null, new BucketDelta("a", MINUTE + 2, 1, 2))));
    assertThat(store.hourBuckets("a", hour, hour + 1)).as("ingestion adds on top as before")
        .containsExactly(new MinuteBucket(hour, 21, 22));
    assertThat(store.replaceMinuteBuckets(List.of(new BucketReplacement("a", MINUTE,
        MINUTE + 60, List.of(new MinuteBucket(MINUTE, 10, 10), new MinuteBucket(MINUTE + 1,
        10, 10), new MinuteBucket(MINUTE + 2, 1, 2)))))).as("the same content changes nothing")
        .containsExactly(0);
    store.replaceMinuteBuckets(List.of(new BucketReplacement("a", MINUTE - 20, MINUTE + 40,
        List.of())));
    assertThat(store.hourBuckets("a", hour, hour + 1)).as("an emptied hour has no row")
        .isEmpty();
  }

  @Test
  void aRollupKeepsWhatRetentionPrunedWhenItsRemainingMinutesAreReplaced() {
    long hour = Math.floorDiv(MINUTE, 60);
    store.commitIngest(List.of(batch(null, new BucketDelta("a", MINUTE - 10, 4, 4),
        new BucketDelta("a", MINUTE, 1, 2))));
    store.prune(Instant.EPOCH, Instant.ofEpochSecond((MINUTE - 5) * 60));
    store.replaceMinuteBuckets(List.of(new BucketReplacement("a", MINUTE, MINUTE + 1,
        List.of(new MinuteBucket(MINUTE, 2, 2)))));
    assertThat(store.minuteBuckets("a", MINUTE - 60, MINUTE + 60))
        .containsExactly(new MinuteBucket(MINUTE, 2, 2));
    assertThat(store.hourBuckets("a", hour, hour + 1)).containsExactly(new MinuteBucket(hour, 6, 6));
  }

  @Test
  void aReplacementOutsideItsRangeIsRefusedBeforeAnythingIsWritten() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new BucketReplacement("a", MINUTE,
        MINUTE + 1, List.of(new MinuteBucket(MINUTE + 1, 1, 1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("minute " + (MINUTE + 1) + " of a is out of order or outside [" + MINUTE
            + ", " + (MINUTE + 1) + "). Expected ascending minutes inside the range");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new BucketReplacement("a", MINUTE,
        MINUTE + 1, List.of(new MinuteBucket(MINUTE, 2, 1))))
        .hasMessage("minute " + MINUTE + " of a: good=2 valid=1 is inconsistent. Expected 0 <= "
            + "good <= valid");
  }

  @Test
  void appliedMaintenanceIsRecordedPerWindowAndTheLatestIsRead() {
    Instant start = Instant.ofEpochSecond(MINUTE * 60);
    Instant end = start.plusSeconds(1800);
    dev.nines.maintenance.AppliedHistory added = new dev.nines.maintenance.AppliedHistory(
        "platform", start, end, dev.nines.maintenance.AppliedHistory.Change.ADDED,
        end.plusSeconds(60), start, end, List.of(
            new dev.nines.maintenance.AppliedHistory.SloEffect("up", 
                dev.nines.maintenance.AppliedHistory.How.RECOMPUTED, 30, 12, null),
            new dev.nines.maintenance.AppliedHistory.SloEffect("orders",
                dev.nines.maintenance.AppliedHistory.How.EXCLUDED, 29, 29,
                "the partly covered minute 10:00 keeps its events")));
    assertThat(store.maintenanceApplied("platform", start, end)).isEmpty();
    store.saveMaintenanceApplied(added);
    assertThat(store.maintenanceApplied("platform", start, end)).contains(added);
    dev.nines.maintenance.AppliedHistory deleted = new dev.nines.maintenance.AppliedHistory(
        "platform", start, end, dev.nines.maintenance.AppliedHistory.Change.DELETED,
        end.plusSeconds(120), start, end, List.of());
    store.saveMaintenanceApplied(deleted);
    assertThat(store.maintenanceApplied("platform", start, end)).contains(deleted);
    assertThat(store.maintenanceApplied("platform", start, end.plusSeconds(1))).isEmpty();
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
    assertThat(store.firstObservationAt("m", t.minusSeconds(60), t.plusSeconds(60))).isEqualTo(t);
    assertThat(store.firstObservationAt("m", t.plusSeconds(5), t.plusSeconds(60)))
        .isEqualTo(t.plusSeconds(10));
    assertThat(store.firstObservationAt("m", t.plusSeconds(31), t.plusSeconds(60))).isNull();
    assertThat(store.firstObservationAt("other", t, t.plusSeconds(60))).isNull();
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
    assertThat(store.attemptPage("m", t, t.plusSeconds(60), 1, 1))
        .isEqualTo(new Slice<>(List.of(ok), 2));
    assertThat(store.attemptPage("m", t, t.plusSeconds(60), 2, 5).items()).isEmpty();
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
  void pruneDropsExactlyTheOldRowsOfEveryKeyAcrossDays() {
    List<BucketDelta> deltas = new ArrayList<>();
    for (String sli : List.of("a", "b", "c")) {
      for (long m = MINUTE - 3 * 1440; m < MINUTE + 1440; m += 97) {
        deltas.add(new BucketDelta(sli, m, 1, 1));
      }
    }
    List<HistogramDelta> latency = List.of(new HistogramDelta("s /x", MINUTE - 2, 100, 1),
        new HistogramDelta("s /x", MINUTE + 2, 100, 1), new HistogramDelta("t /y", MINUTE - 5000,
        -1, 1));
    store.commitIngest(List.of(new IngestBatch(null, deltas, latency, deltas.size())));
    Instant t = Instant.ofEpochSecond(MINUTE * 60);
    List<StoredAttempt> attempts = new ArrayList<>();
    for (String monitor : List.of("m1", "m2")) {
      for (int h = -50; h < 5; h += 7) {
        attempts.add(new StoredAttempt(monitor, "eu", t.plusSeconds(3600L * h), true, 200, null,
            null, null, null, null, 1.0, null));
      }
    }
    store.appendAttempts(attempts);
    long oldMinutes = deltas.stream().filter(d -> d.minute() < MINUTE).count();
    long oldAttempts = attempts.stream().filter(a -> a.startedAt().isBefore(t)).count();

    assertThat(store.prune(t, t)).isEqualTo(oldMinutes + oldAttempts + 2);
    for (String sli : List.of("a", "b", "c")) {
      assertThat(store.minuteBuckets(sli, 0, Long.MAX_VALUE)).extracting(MinuteBucket::period)
          .allMatch(m -> m >= MINUTE).hasSize((int) (deltas.size() - oldMinutes) / 3);
    }
    assertThat(store.attempts("m2", Instant.EPOCH, t.plusSeconds(86_400), 100))
        .hasSize((int) (attempts.size() - oldAttempts) / 2);
    assertThat(store.latency("s /x", 0, Long.MAX_VALUE)).containsExactly(Map.entry(100L, 1L));
    assertThat(store.prune(t, t)).isZero();
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

  private static final Instant T0 = Instant.parse("2026-11-18T10:00:00Z");

  private static OutboxMessage message(String key, String channel, Instant created) {
    return OutboxMessage.pending(key, channel, "alert", null, "title " + key,
        "{\"key\":\"" + key + "\"}", created);
  }

  @Test
  void theOutboxKeepsOneRowPerKeyAndChannel() {
    boolean[] first = store.enqueueOutbox(List.of(message("k1", "oncall", T0),
        message("k1", "chat", T0)));
    boolean[] again = store.enqueueOutbox(List.of(message("k1", "oncall", T0.plusSeconds(5)),
        message("k2", "oncall", T0)));
    assertThat(first).containsExactly(true, true);
    assertThat(again).containsExactly(false, true);
    assertThat(store.outboxPending()).isEqualTo(3);
  }

  @Test
  void aClaimTakesDueRowsOldestFirstAndHoldsThemUntilItsLeaseEnds() {
    store.enqueueOutbox(List.of(message("late", "c", T0.plusSeconds(60)),
        message("b", "c", T0.plusSeconds(2)), message("a", "c", T0.plusSeconds(1))));
    Instant now = T0.plusSeconds(10);
    List<OutboxMessage> claimed = store.claimOutbox("s1", now, now.plusSeconds(30), 10);
    assertThat(claimed).extracting(OutboxMessage::key).containsExactly("a", "b");
    assertThat(claimed.get(0).payload()).isEqualTo("{\"key\":\"a\"}");
    assertThat(store.claimOutbox("s2", now.plusSeconds(29), now.plusSeconds(59), 10)).isEmpty();
    assertThat(store.claimOutbox("s2", now.plusSeconds(30), now.plusSeconds(60), 1))
        .extracting(OutboxMessage::key).containsExactly("a");
  }

  @Test
  void concurrentClaimersNeverHoldTheSameRow() throws Exception {
    List<OutboxMessage> rows = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      rows.add(message("k" + i, "c", T0));
    }
    store.enqueueOutbox(rows);
    List<List<Long>> held = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      List<Long> mine = java.util.Collections.synchronizedList(new ArrayList<>());
      held.add(mine);
      String sender = "sender-" + t;
      threads.add(Thread.ofPlatform().start(() -> {
        List<OutboxMessage> got;
        int claims = 0;
        do {
          got = store.claimOutbox(sender + ":" + claims++, T0, T0.plusSeconds(60), 7);
          got.forEach(m -> mine.add(m.id()));
        } while (!got.isEmpty());
      }));
    }
    for (Thread t : threads) {
      t.join();
    }
    List<Long> all = held.stream().flatMap(List::stream).toList();
    assertThat(all).hasSize(200).doesNotHaveDuplicates();
  }

  @Test
  void completionRecordsDeliveryRetryAndFailureForTheHolderOnly() {
    store.enqueueOutbox(List.of(message("a", "c", T0), message("b", "c", T0),
        message("c", "c", T0)));
    List<OutboxMessage> claimed = store.claimOutbox("s1", T0, T0.plusSeconds(60), 10);
    long a = claimed.get(0).id();
    long b = claimed.get(1).id();
    long c = claimed.get(2).id();
    assertThat(store.completeOutbox("other", List.of(OutboxResult.delivered(a)), T0)).isZero();
    Instant done = T0.plusSeconds(3);
    assertThat(store.completeOutbox("s1", List.of(OutboxResult.delivered(a),
        new OutboxResult(b, "HTTP 503: busy", T0.plusSeconds(8)),
        new OutboxResult(c, "HTTP 404: no such hook", null)), done)).isEqualTo(3);
    Map<String, OutboxMessage> byKey = new java.util.HashMap<>();
    store.outbox(null, null, 0, 10).messages().forEach(m -> byKey.put(m.key(), m));
    assertThat(byKey.get("a")).extracting(OutboxMessage::status, OutboxMessage::attempts,
        OutboxMessage::deliveredAt).containsExactly(OutboxMessage.DELIVERED, 1, done);
    assertThat(byKey.get("b")).extracting(OutboxMessage::status, OutboxMessage::lastError,
        OutboxMessage::nextAttemptAt).containsExactly(OutboxMessage.PENDING, "HTTP 503: busy",
        T0.plusSeconds(8));
    assertThat(byKey.get("c")).extracting(OutboxMessage::status, OutboxMessage::lastError)
        .containsExactly(OutboxMessage.FAILED, "HTTP 404: no such hook");
    assertThat(store.claimOutbox("s2", T0.plusSeconds(7), T0.plusSeconds(60), 10)).isEmpty();
    assertThat(store.claimOutbox("s2", T0.plusSeconds(8), T0.plusSeconds(60), 10))
        .extracting(OutboxMessage::key).containsExactly("b");
  }

  @Test
  void theOutboxListsNewestFirstByStatusAndChannelAndCountsThem() {
    store.enqueueOutbox(List.of(message("a", "oncall", T0), message("b", "chat", T0.plusSeconds(1)),
        message("c", "oncall", T0.plusSeconds(2)), message("d", "oncall", T0.plusSeconds(3))));
    List<OutboxMessage> claimed = store.claimOutbox("s", T0.plusSeconds(5), T0.plusSeconds(60), 1);
    store.completeOutbox("s", List.of(OutboxResult.delivered(claimed.get(0).id())),
        T0.plusSeconds(5));
    OutboxListing page = store.outbox(OutboxMessage.PENDING, "oncall", 0, 1);
    assertThat(page.total()).isEqualTo(2);
    assertThat(page.messages()).extracting(OutboxMessage::key).containsExactly("d");
    assertThat(page.messages().get(0).payload()).isNull();
    assertThat(store.outbox(OutboxMessage.PENDING, "oncall", 1, 1).messages())
        .extracting(OutboxMessage::key).containsExactly("c");
    assertThat(store.outbox(null, null, 0, 10).messages()).extracting(OutboxMessage::key)
        .containsExactly("d", "c", "b", "a");
    assertThat(store.outboxCounts()).containsExactly(
        new OutboxCount("chat", OutboxMessage.PENDING, 1),
        new OutboxCount("oncall", OutboxMessage.DELIVERED, 1),
        new OutboxCount("oncall", OutboxMessage.PENDING, 2));
    assertThat(store.outboxPending()).isEqualTo(3);
  }

  @Test
  void pruneDropsFinishedNotificationsButKeepsPendingOnes() {
    store.enqueueOutbox(List.of(message("sent", "c", T0), message("waiting", "c", T0)));
    List<OutboxMessage> claimed = store.claimOutbox("s", T0, T0.plusSeconds(60), 1);
    store.completeOutbox("s", List.of(OutboxResult.delivered(claimed.get(0).id())), T0);
    assertThat(store.prune(T0.plusSeconds(1), T0)).isEqualTo(1);
    assertThat(store.outbox(null, null, 0, 10).messages()).extracting(OutboxMessage::key)
        .containsExactly("waiting");
  }
}
