package dev.nines.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nines.store.BucketDelta;
import dev.nines.store.IngestBatch;
import dev.nines.store.MinuteBucket;
import dev.nines.store.Store;
import dev.nines.store.StoreUnavailableException;
import dev.nines.store.Stores;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestWriterTest {
  static final long MINUTE = 29_000_000L;

  /** What the next commitIngest does besides committing (or instead of it). */
  enum Fault { NONE, KEEP_THEN_FAIL, FAIL }

  @TempDir Path dir;
  Store real;
  IngestWriter writer;
  volatile Fault fault = Fault.NONE;
  final List<String> applied = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() {
    writer.close();
    real.close();
  }

  /** A real SQLite store whose next commit can be made to fail, before or after it is kept. */
  private Store faulty() {
    real = Stores.open(null, dir, null, null);
    return (Store) Proxy.newProxyInstance(Store.class.getClassLoader(), new Class<?>[] {Store.class},
        (proxy, method, args) -> {
          Fault f = method.getName().equals("commitIngest") ? fault : Fault.NONE;
          fault = Fault.NONE;
          if (f == Fault.FAIL) {
            throw new StoreUnavailableException("down", null);
          }
          Object result;
          try {
            result = method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
          if (f == Fault.KEEP_THEN_FAIL) {
            throw new StoreUnavailableException("connection lost after COMMIT", null);
          }
          return result;
        });
  }

  private static IngestBatch batch(String key) {
    return new IngestBatch(key, List.of(new BucketDelta("s", MINUTE, 1, 1)), List.of(), 1);
  }

  private boolean submit(String key) throws Exception {
    return writer.submit(batch(key)).get(10, TimeUnit.SECONDS);
  }

  private void start() {
    writer = new IngestWriter(faulty(), 1_000, batches ->
        batches.forEach(b -> applied.add(b.idempotencyKey())));
  }

  @Test
  void aRetryOfABatchKeptByACommitThatFailedReachesTheLiveWindowsOnce() throws Exception {
    start();
    fault = Fault.KEEP_THEN_FAIL;
    assertThatThrownBy(() -> submit("k")).isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(StoreUnavailableException.class);
    assertThat(submit("k")).as("stored: the client was told nothing was kept").isTrue();
    assertThat(submit("k")).isFalse();
    assertThat(applied).containsExactly("k");
    assertThat(real.minuteBuckets("s", MINUTE, MINUTE + 1))
        .containsExactly(new MinuteBucket(MINUTE, 1, 1));
  }

  @Test
  void aRetryOfABatchACommitReallyLostIsAppliedOnce() throws Exception {
    start();
    fault = Fault.FAIL;
    assertThatThrownBy(() -> submit("k")).isInstanceOf(ExecutionException.class);
    assertThat(submit("k")).isTrue();
    assertThat(submit("k")).isFalse();
    assertThat(applied).containsExactly("k");
  }

  @Test
  void aRetryOfAnAcknowledgedBatchCaughtInAFailedCommitIsNotCountedAgain() throws Exception {
    start();
    assertThat(submit("k")).isTrue();
    fault = Fault.FAIL;                    // the client did not hear the 202 and retries
    assertThatThrownBy(() -> submit("k")).isInstanceOf(ExecutionException.class);
    assertThat(submit("k")).isFalse();
    assertThat(submit("k")).isFalse();
    assertThat(applied).containsExactly("k");
  }

  @Test
  void aBatchKeptByTheFirstOfTwoFailedCommitsIsAppliedOnce() throws Exception {
    start();
    fault = Fault.KEEP_THEN_FAIL;
    assertThatThrownBy(() -> submit("k")).isInstanceOf(ExecutionException.class);
    fault = Fault.FAIL;
    assertThatThrownBy(() -> submit("k")).isInstanceOf(ExecutionException.class);
    assertThat(submit("k")).isTrue();
    assertThat(submit("k")).isFalse();
    assertThat(applied).containsExactly("k");
    assertThat(real.minuteBuckets("s", MINUTE, MINUTE + 1))
        .containsExactly(new MinuteBucket(MINUTE, 1, 1));
  }

  @Test
  void aKeyReusedWithAnotherBodyIsAConflictAndAddsNothing() throws Exception {
    start();
    assertThat(writer.write(batch("k").withFingerprint("body-1")).get(10, TimeUnit.SECONDS))
        .isEqualTo(IngestWriter.Outcome.STORED);
    assertThat(writer.write(batch("k").withFingerprint("body-1")).get(10, TimeUnit.SECONDS))
        .isEqualTo(IngestWriter.Outcome.DUPLICATE);
    assertThat(writer.write(batch("k").withFingerprint("body-2")).get(10, TimeUnit.SECONDS))
        .isEqualTo(IngestWriter.Outcome.CONFLICT);
    assertThat(applied).containsExactly("k");
    assertThat(real.minuteBuckets("s", MINUTE, MINUTE + 1))
        .containsExactly(new MinuteBucket(MINUTE, 1, 1));
  }

  @Test
  void aTaskAskedOfAClosedWriterFailsInsteadOfWaitingForever() {
    start();
    writer.close();
    assertThatThrownBy(() -> writer.runBetweenCommits(() -> { }))
        .isInstanceOf(IllegalStateException.class).hasMessage("the ingest writer is closed");
  }

  @Test
  void repeatsOfAcknowledgedBatchesAreNotAppliedAgain() throws Exception {
    start();
    assertThat(submit("a")).isTrue();
    assertThat(submit("a")).isFalse();
    assertThat(applied).containsExactly("a");
  }
}
