package dev.nines.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.ingest.IngestWriter;
import dev.nines.ingest.prometheus.MinuteCounts;
import dev.nines.model.Spec;
import dev.nines.slo.Counts;
import dev.nines.spec.SpecReader;
import dev.nines.store.BucketDelta;
import dev.nines.store.IngestBatch;
import dev.nines.store.MinuteBucket;
import dev.nines.store.Store;
import dev.nines.store.StoreUnavailableException;
import dev.nines.store.Stores;
import dev.nines.testing.FakeClock;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A week of ingestion on a fake clock, with everything that goes wrong in a long run: clients
 * retrying acknowledged batches, commits that fail before or after they are kept, a client
 * reusing a key for another body, Prometheus minutes pulled again long after, retention passes,
 * spec reloads that rebuild the live windows while batches are committed, and restarts. At the
 * end every pending batch is resent until acknowledged, and the stored minute buckets and the
 * live windows must equal the ledger of acknowledged batches exactly: nothing counted twice,
 * nothing lost.
 */
class CountedOnceSoakTest {
  private static final String SPEC = """
      apiVersion: nines/v1
      services: [{name: web}]
      slos:
        - {name: s-a, service: web, sli: {kind: availability}, target: 99, window: 30d, owner: t}
        - {name: s-b, service: web, sli: {kind: availability}, target: 99.9, window: 30d,
           owner: t}
        - {name: s-week, service: web, sli: {kind: availability}, target: 99, window: week,
           owner: t}
        - name: s-prom
          service: web
          sli:
            kind: availability
            source: {prometheus: {good: 'sum(rate(ok[{{.window}}]))', valid: 'sum(rate(all[{{.window}}]))'}}
          target: 99
          window: 30d
          owner: t
      """;
  private static final List<String> EVENT_SLIS = List.of("s-a", "s-b", "s-week");
  private static final Duration RAW_RETENTION = Duration.ofDays(2);
  private static final Instant START = FakeClock.NOW.minus(Duration.ofDays(7));

  /** What the next commit does: commit, fail before committing, or fail after committing. */
  enum Fault { NONE, FAIL, KEEP_THEN_FAIL }

  @TempDir Path dir;
  final SplittableRandom random = new SplittableRandom(20261118L);
  final SplittableRandom faults = new SplittableRandom(42L);
  final FakeClock clock = new FakeClock(START);
  final Spec spec;
  Store real;
  Store store;
  IngestWriter writer;
  final AtomicReference<LiveSlos> live = new AtomicReference<>();
  volatile LiveRebuild rebuilding;
  volatile double faultRatio = 0.1;
  final Map<Fault, Integer> injected = new TreeMap<>();

  /** Acknowledged batches by key: what must be counted, once. */
  final Map<String, IngestBatch> ledger = new LinkedHashMap<>();
  /** Batches sent and not acknowledged yet: the client resends them. */
  final Map<String, IngestBatch> pending = new LinkedHashMap<>();
  final List<Long> pulledMinutes = new ArrayList<>();
  long batches;
  long conflicts;
  long restarts;
  long reloads;
  long checks;

  CountedOnceSoakTest() throws Exception {
    this.spec = SpecReader.read("soak.yaml", SPEC).spec();
  }

  @AfterEach
  void close() {
    if (writer != null) {
      writer.close();
    }
    if (real != null) {
      real.close();
    }
  }

  private void open() {
    real = Stores.open(null, dir, null, null);
    store = (Store) Proxy.newProxyInstance(Store.class.getClassLoader(),
        new Class<?>[] {Store.class}, (proxy, method, args) -> {
          Fault f = method.getName().equals("commitIngest") ? nextFault() : Fault.NONE;
          if (f == Fault.FAIL) {
            throw new StoreUnavailableException("injected: down", null);
          }
          Object result;
          try {
            result = method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
          if (f == Fault.KEEP_THEN_FAIL) {
            throw new StoreUnavailableException("injected: connection lost after COMMIT", null);
          }
          return result;
        });
    live.set(new LiveSlos(spec, store, clock.instant()));
    writer = new IngestWriter(store, clock, 1_000_000, commit -> {
      live.get().apply(commit.batches());
      LiveRebuild r = rebuilding;
      if (r != null) {
        r.committed(commit);
      }
    });
  }

  private synchronized Fault nextFault() {
    double roll = faults.nextDouble();
    Fault f = roll < faultRatio / 2 ? Fault.FAIL : roll < faultRatio ? Fault.KEEP_THEN_FAIL
        : Fault.NONE;
    injected.merge(f, 1, Integer::sum);
    return f;
  }

  private void restart() {
    writer.close();
    real.close();
    open();
    restarts++;
  }

  @Test
  void aWeekOfRetriesFailedCommitsReloadsAndRestartsCountsEveryAcknowledgedBatchOnce()
      throws Exception {
    open();
    long lastPrune = START.getEpochSecond();
    for (int step = 1; clock.instant().isBefore(FakeClock.NOW); step++) {
      clock.advance(Duration.ofMinutes(1 + random.nextInt(15)));
      List<IngestBatch> sending = new ArrayList<>(pending.values());
      sending.addAll(newBatches());
      sending.addAll(retriesOfAcknowledged());
      sending.addAll(rePulls());
      CompletableFuture<Void> reload = step % 60 == 0 ? reload() : null;
      send(sending);
      if (reload != null) {
        reload.get(30, TimeUnit.SECONDS);
      }
      live.get().tick(clock.instant());
      if (pending.isEmpty()) {                 // nothing kept but unacknowledged: exact
        assertWindowsEqualLedger();
        checks++;
      }
      if (clock.instant().getEpochSecond() - lastPrune >= 3600) {
        store.prune(clock.instant().minus(RAW_RETENTION), clock.instant().minus(
            Duration.ofDays(400)));
        lastPrune = clock.instant().getEpochSecond();
      }
      if (step % 150 == 0) {
        restart();
      }
    }
    faultRatio = 0;
    while (!pending.isEmpty()) {
      send(new ArrayList<>(pending.values()));
    }
    clock.advance(Duration.ofMinutes(1));
    live.get().tick(clock.instant());

    System.out.printf("soak: %,d batches acknowledged, commits %s, %d restarts, %d reloads, "
        + "%d keys reused for another body, live windows checked %d times on the way%n",
        ledger.size(), injected, restarts, reloads, conflicts, checks);
    assertThat(checks).as("checks on the way").isGreaterThan(100);
    assertThat(injected.getOrDefault(Fault.FAIL, 0)).as("commits failed").isGreaterThan(50);
    assertThat(injected.getOrDefault(Fault.KEEP_THEN_FAIL, 0)).as("kept, then failed")
        .isGreaterThan(50);
    assertThat(restarts).as("restarts").isGreaterThan(3);
    assertThat(reloads).as("reloads").isGreaterThan(3);
    assertThat(conflicts).as("keys reused for another body").isGreaterThan(10);
    assertThat(ledger).as("acknowledged batches").hasSizeGreaterThan(2_000);
    assertStoredEqualsLedger();
    assertLiveEqualsLedger();
    restart();
    assertLiveEqualsLedger();
  }

  /** One to three new batches of events around now, each under a new key. */
  private List<IngestBatch> newBatches() {
    List<IngestBatch> out = new ArrayList<>();
    for (int n = 1 + random.nextInt(3); n > 0; n--) {
      long now = clock.instant().getEpochSecond() / 60;
      List<BucketDelta> deltas = new ArrayList<>();
      for (String sli : EVENT_SLIS) {
        if (random.nextInt(4) > 0) {
          long valid = 1 + random.nextInt(500);
          deltas.add(new BucketDelta(sli, now - random.nextInt(20), valid - random.nextInt(3)
              * (valid > 2 ? 1 : 0), valid));
        }
      }
      String key = "batch-" + batches++;
      IngestBatch b = new IngestBatch(key, deltas, List.of(), deltas.size(), "body-of-" + key,
          null);
      pending.put(key, b);
      out.add(b);
    }
    return out;
  }

  /** Clients that did not hear the 202 resend; now and then one reuses a key by mistake. */
  private List<IngestBatch> retriesOfAcknowledged() {
    List<IngestBatch> out = new ArrayList<>();
    if (ledger.isEmpty()) {
      return out;
    }
    List<String> keys = new ArrayList<>(ledger.keySet());
    for (int n = random.nextInt(3); n > 0; n--) {
      // Only recent keys: an event key is kept as long as raw data, and clients retry soon.
      String key = keys.get(Math.max(0, keys.size() - 1 - random.nextInt(20)));
      IngestBatch b = ledger.get(key);
      if (b.protectsMinute() == null && random.nextInt(5) == 0) {
        out.add(new IngestBatch(key, List.of(new BucketDelta("s-a", b.buckets().isEmpty()
            ? clock.instant().getEpochSecond() / 60 : b.buckets().get(0).minute(), 0, 7)),
            List.of(), 7, "another-body", null));
      } else {
        out.add(b);
      }
    }
    return out;
  }

  /** The puller's minute now, and a backfill of a minute pulled long ago (past raw retention). */
  private List<IngestBatch> rePulls() {
    List<IngestBatch> out = new ArrayList<>();
    long minute = clock.instant().getEpochSecond() / 60 - 1;
    out.add(pull(minute));
    pulledMinutes.add(minute);
    if (pulledMinutes.size() > 10 && random.nextInt(3) == 0) {
      out.add(pull(pulledMinutes.get(random.nextInt(pulledMinutes.size() / 2))));
    }
    return out;
  }

  private IngestBatch pull(long minute) {
    long valid = 100 + Math.floorMod(minute * 7919, 1000);     // the same counts every pull
    IngestBatch b = MinuteCounts.batch(new BucketDelta("s-prom", minute, valid - minute % 5,
        valid));
    if (!ledger.containsKey(b.idempotencyKey())) {
      pending.put(b.idempotencyKey(), b);
    }
    return b;
  }

  /** A reload of the same spec: new live windows built beside the old ones, then swapped. */
  private CompletableFuture<Void> reload() {
    reloads++;
    LiveRebuild rebuild = new LiveRebuild();
    rebuilding = rebuild;
    IngestWriter w = writer;
    return CompletableFuture.runAsync(() -> {
      try {
        rebuild.run(spec, store, w, clock, next -> {
          next.carryTotalsFrom(live.get());
          live.set(next);
        });
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        rebuilding = null;
      }
    });
  }

  /** Sends batches at once (the writer groups them into commits) and books the answers. */
  private void send(List<IngestBatch> sending) throws Exception {
    List<CompletableFuture<IngestWriter.Outcome>> answers = new ArrayList<>();
    for (IngestBatch b : sending) {
      answers.add(writer.write(b));
    }
    for (int i = 0; i < sending.size(); i++) {
      IngestBatch b = sending.get(i);
      IngestWriter.Outcome outcome;
      try {
        outcome = answers.get(i).get(30, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        assertThat(e.getCause()).isInstanceOf(StoreUnavailableException.class);
        continue;                                   // 503: stays pending, resent later
      }
      String key = b.idempotencyKey();
      if (outcome == IngestWriter.Outcome.CONFLICT) {
        assertThat(b.fingerprint()).isEqualTo("another-body");
        conflicts++;
        continue;
      }
      assertThat(b.fingerprint()).as(key).isNotEqualTo("another-body");
      if (pending.remove(key) != null) {
        ledger.put(key, b);                          // acknowledged: 202, stored or duplicate
      }
    }
  }

  private Map<String, Map<Long, long[]>> expected() {
    Map<String, Map<Long, long[]>> out = new HashMap<>();
    for (IngestBatch b : ledger.values()) {
      for (BucketDelta d : b.buckets()) {
        long[] sums = out.computeIfAbsent(d.sli(), k -> new TreeMap<>())
            .computeIfAbsent(d.minute(), k -> new long[2]);
        sums[0] += d.good();
        sums[1] += d.valid();
      }
    }
    return out;
  }

  private void assertStoredEqualsLedger() {
    expected().forEach((sli, minutes) -> {
      Map<Long, List<Long>> want = new TreeMap<>();
      minutes.forEach((m, s) -> want.put(m, List.of(s[0], s[1])));
      Map<Long, List<Long>> stored = new TreeMap<>();
      for (MinuteBucket b : real.minuteBuckets(sli, 0, Long.MAX_VALUE)) {
        stored.put(b.period(), List.of(b.good(), b.valid()));
      }
      assertThat(stored).as("stored minutes of " + sli).isEqualTo(want);
    });
  }

  private void assertLiveEqualsLedger() {
    long now = clock.instant().getEpochSecond() / 60;
    Map<String, Map<Long, long[]>> expected = expected();
    for (String sli : List.of("s-a", "s-b", "s-prom")) {
      for (Duration lookback : List.of(Duration.ofHours(1), Duration.ofDays(1),
          Duration.ofDays(3), Duration.ofDays(30))) {
        assertThat(live.get().counts(sli, lookback)).as(sli + " over " + lookback)
            .isEqualTo(sum(expected.get(sli), now - lookback.toMinutes(), now));
      }
    }
    long weekStart = live.get().view("s-week").status().period().start().getEpochSecond() / 60;
    assertThat(live.get().view("s-week").status().window()).as("s-week this week")
        .isEqualTo(sum(expected.get("s-week"), weekStart, now));
  }

  /** The 30-day windows against the ledger, on the way (cheaper than every look-back). */
  private void assertWindowsEqualLedger() {
    long now = clock.instant().getEpochSecond() / 60;
    Map<String, Map<Long, long[]>> expected = expected();
    for (String sli : List.of("s-a", "s-b", "s-prom")) {
      assertThat(live.get().counts(sli, Duration.ofDays(30))).as(sli + " at " + clock.instant())
          .isEqualTo(sum(expected.getOrDefault(sli, Map.of()), now - 30 * 1440, now));
    }
  }

  private static Counts sum(Map<Long, long[]> minutes, long from, long to) {
    long good = 0;
    long valid = 0;
    for (Map.Entry<Long, long[]> e : minutes.entrySet()) {
      if (e.getKey() >= from && e.getKey() < to) {
        good += e.getValue()[0];
        valid += e.getValue()[1];
      }
    }
    return new Counts(good, valid);
  }
}
