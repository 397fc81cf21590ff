package dev.nines.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nines.ingest.IngestWriter;
import dev.nines.model.Spec;
import dev.nines.slo.Counts;
import dev.nines.spec.SpecReader;
import dev.nines.store.BucketDelta;
import dev.nines.store.IngestBatch;
import dev.nines.store.Store;
import dev.nines.store.StoreUnavailableException;
import dev.nines.store.Stores;
import dev.nines.testing.FakeClock;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rebuilding live windows beside the ones in force, with commits going on: on a real store
 * whose next commit can fail after it was kept, and whose snapshot can be made to wait.
 */
class LiveRebuildTest {
  private static final long MINUTE = FakeClock.NOW.getEpochSecond() / 60 - 1;

  @TempDir Path dir;
  final FakeClock clock = new FakeClock();
  final AtomicReference<LiveSlos> live = new AtomicReference<>();
  volatile LiveRebuild rebuilding;
  volatile boolean keepThenFail;
  volatile boolean stallLoads;
  final CountDownLatch loading = new CountDownLatch(1);
  final CountDownLatch release = new CountDownLatch(1);
  Spec spec;
  Store real;
  Store store;
  IngestWriter writer;

  @BeforeEach
  void open() throws Exception {
    spec = SpecReader.read("t.yaml", """
        apiVersion: nines/v1
        services: [{name: web}]
        slos:
          - {name: a, service: web, sli: {kind: availability}, target: 99, window: 30d, owner: t}
        """).spec();
    real = Stores.open(null, dir, null, null);
    store = (Store) Proxy.newProxyInstance(Store.class.getClassLoader(),
        new Class<?>[] {Store.class}, (proxy, method, args) -> {
          boolean fail = method.getName().equals("commitIngest") && keepThenFail;
          Object result;
          try {
            result = method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
          if (fail) {
            keepThenFail = false;
            throw new StoreUnavailableException("connection lost after COMMIT", null);
          }
          if (stallLoads && result instanceof Store.BucketCursor cursor) {
            return stalling(cursor);
          }
          return result;
        });
    live.set(new LiveSlos(spec, store, clock.instant()));
    writer = new IngestWriter(store, clock, 1000, commit -> {
      live.get().apply(commit.batches());
      LiveRebuild r = rebuilding;
      if (r != null) {
        r.committed(commit);
      }
    });
  }

  @AfterEach
  void close() {
    writer.close();
    real.close();
  }

  private Store.BucketCursor stalling(Store.BucketCursor cursor) {
    return new Store.BucketCursor() {
      @Override public void forEach(Store.BucketSink sink) {
        loading.countDown();
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        cursor.forEach(sink);
      }

      @Override public void close() {
        cursor.close();
      }
    };
  }

  private static IngestBatch batch(String key, long valid) {
    return new IngestBatch(key, List.of(new BucketDelta("a", MINUTE, valid, valid)), List.of(),
        (int) valid);
  }

  private IngestWriter.Outcome write(IngestBatch b) throws Exception {
    return writer.write(b).get(10, TimeUnit.SECONDS);
  }

  /** Starts a rebuild that waits, once loading, until {@link #release} opens. */
  private CompletableFuture<LiveSlos> rebuild() throws InterruptedException {
    LiveRebuild r = new LiveRebuild();
    rebuilding = r;
    stallLoads = true;
    CompletableFuture<LiveSlos> done = CompletableFuture.supplyAsync(() -> {
      try {
        return r.run(spec, store, writer, clock, live::set);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    assertThat(loading.await(10, TimeUnit.SECONDS)).as("rebuild loading").isTrue();
    stallLoads = false;
    return done;
  }

  private Counts window() {
    clock.advance(Duration.ofMinutes(2));
    live.get().tick(clock.instant());
    return live.get().counts("a", Duration.ofDays(30));
  }

  @Test
  void commitsMadeWhileTheNewWindowsLoadAreInThemOnce() throws Exception {
    write(batch("before", 1));
    CompletableFuture<LiveSlos> done = rebuild();
    assertThat(write(batch("during", 10))).isEqualTo(IngestWriter.Outcome.STORED);
    release.countDown();
    LiveSlos next = done.get(10, TimeUnit.SECONDS);
    assertThat(live.get()).isSameAs(next);
    assertThat(window()).isEqualTo(new Counts(11, 11));
  }

  @Test
  void aBatchKeptByAFailedCommitBeforeTheSnapshotAndAcknowledgedDuringTheLoadCountsOnce()
      throws Exception {
    keepThenFail = true;
    assertThatThrownBy(() -> write(batch("k", 5))).isInstanceOf(ExecutionException.class);
    CompletableFuture<LiveSlos> done = rebuild();                 // its snapshot holds k
    assertThat(write(batch("k", 5))).isEqualTo(IngestWriter.Outcome.STORED);
    assertThat(live.get().counts("a", Duration.ofDays(30)).valid())
        .as("the windows in force count it now").isEqualTo(5);
    release.countDown();
    done.get(10, TimeUnit.SECONDS);
    assertThat(window()).isEqualTo(new Counts(5, 5));
  }

  @Test
  void aBatchKeptByAFailedCommitBeforeTheSnapshotAndRetriedAfterTheSwapCountsOnce()
      throws Exception {
    keepThenFail = true;
    assertThatThrownBy(() -> write(batch("k", 5))).isInstanceOf(ExecutionException.class);
    CompletableFuture<LiveSlos> done = rebuild();
    release.countDown();
    done.get(10, TimeUnit.SECONDS);
    assertThat(write(batch("k", 5))).as("the new windows hold it from the store")
        .isEqualTo(IngestWriter.Outcome.DUPLICATE);
    assertThat(window()).isEqualTo(new Counts(5, 5));
  }

  @Test
  void aBatchKeptByAFailedCommitDuringTheLoadCountsOnceWhenRetried() throws Exception {
    CompletableFuture<LiveSlos> done = rebuild();
    keepThenFail = true;
    assertThatThrownBy(() -> write(batch("k", 5))).isInstanceOf(ExecutionException.class);
    release.countDown();
    done.get(10, TimeUnit.SECONDS);
    assertThat(write(batch("k", 5))).as("not in the snapshot: counted now")
        .isEqualTo(IngestWriter.Outcome.STORED);
    assertThat(window()).isEqualTo(new Counts(5, 5));
  }
}
