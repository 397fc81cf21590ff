package dev.nines.ingest;

import dev.nines.store.BatchResult;
import dev.nines.store.IngestBatch;
import dev.nines.store.Store;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of ingested batches: it drains everything queued, commits it in one
 * store transaction (one fsync for many requests: group commit), then completes each batch's
 * future, so a request is answered only once its events are durable. The queue is bounded
 * in events; a full queue refuses new batches at once ({@link SaturatedException}) instead
 * of dropping anything.
 *
 * <p>Every commit carries a random stamp, which the store writes on the idempotency claims it
 * makes. A failed commit fails every batch in it, but the store may still have kept them (the
 * connection died after COMMIT was sent): the writer remembers, per key, the stamps of the
 * failed commits that held it, and a later repeat of the key counts as "kept by a failed
 * commit" (passed on to the live windows once, and acknowledged as stored) only when its
 * claim carries one of those stamps. A repeat of a batch acknowledged before is a duplicate,
 * however many commits failed in between.
 */
public final class IngestWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IngestWriter.class);

  /** The queue is full; retry after a moment. */
  public static final class SaturatedException extends Exception {
    private static final long serialVersionUID = 1L;

    SaturatedException(String message) {
      super(message);
    }
  }

  /** What became of a batch. */
  public enum Outcome {
    /** Durable and counted now (or kept by a failed commit and counted now in live windows). */
    STORED,
    /** Its idempotency key was claimed before by the same body: nothing added. */
    DUPLICATE,
    /** Its idempotency key was claimed before by a different body: nothing added. */
    CONFLICT
  }

  private record Pending(IngestBatch batch, CompletableFuture<Outcome> done) {}

  /** Keys of failed batches remembered, oldest forgotten first. */
  static final int MAX_UNCERTAIN_KEYS = 100_000;

  private final Store store;
  private final long maxQueuedEvents;
  private final Consumer<List<IngestBatch>> onCommitted;
  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition nonEmpty = lock.newCondition();
  private final List<Pending> queue = new ArrayList<>();
  private final List<Runnable> tasks = new ArrayList<>();
  /** Keys of batches whose commit failed, with the stamps of those commits; the writer's own. */
  private final Map<String, long[]> uncertain = new LinkedHashMap<>();
  private final SplittableRandom stamps = new SplittableRandom(new SecureRandom().nextLong());
  private final Thread thread;
  private long queuedEvents;
  private volatile boolean closed;
  private volatile boolean committing;
  private volatile long committedBatches;

  /** A writer that stamps claims with the system clock. */
  public IngestWriter(Store store, long maxQueuedEvents, Consumer<List<IngestBatch>> onCommitted) {
    this(store, maxQueuedEvents, onCommitted, Clock.systemUTC());
  }

  /**
   * Starts the writer thread.
   *
   * @param onCommitted called on the writer thread with the new (not repeated) batches of
   *     each commit, e.g. to update live SLO windows
   * @param clock when claims are received, for the retention of idempotency keys
   */
  public IngestWriter(Store store, long maxQueuedEvents, Consumer<List<IngestBatch>> onCommitted,
      Clock clock) {
    this.store = store;
    this.maxQueuedEvents = maxQueuedEvents;
    this.onCommitted = onCommitted;
    this.clock = clock;
    this.thread = Thread.ofPlatform().name("nines-ingest-writer").daemon(true).start(this::run);
  }

  /**
   * Queues a batch.
   *
   * @return completes with what became of it once durable, or exceptionally when the store
   *     failed (nothing of the batch was kept, or it was kept and a retry says so)
   * @throws SaturatedException when the queue cannot take it now
   */
  public CompletableFuture<Outcome> write(IngestBatch batch) throws SaturatedException {
    CompletableFuture<Outcome> done = new CompletableFuture<>();
    lock.lock();
    try {
      if (closed) {
        throw new SaturatedException("shutting down");
      }
      if (queuedEvents > 0 && queuedEvents + batch.events() > maxQueuedEvents) {
        throw new SaturatedException(queuedEvents + " events are waiting to be written");
      }
      queue.add(new Pending(batch, done));
      queuedEvents += batch.events();
      nonEmpty.signal();
    } finally {
      lock.unlock();
    }
    return done;
  }

  /**
   * {@link #write} as yes or no.
   *
   * @return completes with true once stored, false if its idempotency key was seen before
   */
  public CompletableFuture<Boolean> submit(IngestBatch batch) throws SaturatedException {
    return write(batch).thenApply(o -> o == Outcome.STORED);
  }

  /**
   * Runs {@code task} on the writer thread between two commits and waits for it: no commit
   * and no {@code onCommitted} call runs meanwhile, so the task sees the store and the live
   * state agree (used to take a snapshot and to swap live state on a spec reload).
   *
   * @throws IllegalStateException when the writer is closed
   */
  public void runBetweenCommits(Runnable task) throws InterruptedException {
    CompletableFuture<Void> done = new CompletableFuture<>();
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("the ingest writer is closed");
      }
      tasks.add(() -> {
        try {
          task.run();
          done.complete(null);
        } catch (RuntimeException e) {
          done.completeExceptionally(e);
        }
      });
      nonEmpty.signal();
    } finally {
      lock.unlock();
    }
    try {
      done.get();
    } catch (ExecutionException e) {
      throw (RuntimeException) e.getCause();
    }
  }

  /** Whether a commit is running now (it may be waiting for a lock). */
  public boolean committing() {
    return committing;
  }

  /** Events queued and not yet committed. */
  public long queuedEvents() {
    lock.lock();
    try {
      return queuedEvents;
    } finally {
      lock.unlock();
    }
  }

  /** Commits done so far (each may hold many batches). */
  public long commits() {
    return committedBatches;
  }

  private void run() {
    while (true) {
      List<Pending> work;
      lock.lock();
      try {
        while (queue.isEmpty() && tasks.isEmpty() && !closed) {
          nonEmpty.await(1, TimeUnit.SECONDS);
        }
        List<Runnable> due = new ArrayList<>(tasks);
        tasks.clear();
        if (!due.isEmpty()) {
          lock.unlock();
          try {
            due.forEach(Runnable::run);
          } finally {
            lock.lock();
          }
          continue;
        }
        if (queue.isEmpty()) {
          return;
        }
        work = new ArrayList<>(queue);
        queue.clear();
        queuedEvents = 0;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        lock.unlock();
      }
      commit(work);
    }
  }

  private void commit(List<Pending> work) {
    List<IngestBatch> batches = work.stream().map(Pending::batch).toList();
    long stamp = nextStamp();
    BatchResult[] results;
    try {
      committing = true;
      results = store.commitIngest(batches, stamp, clock.instant());
    } catch (RuntimeException e) {
      committing = false;
      LOG.warn("ingest commit of {} batches failed: {}", work.size(), e.getMessage());
      batches.forEach(b -> rememberUncertain(b, stamp));
      work.forEach(p -> p.done().completeExceptionally(e));
      return;
    }
    committing = false;
    committedBatches++;
    List<IngestBatch> committed = new ArrayList<>();
    Outcome[] outcomes = new Outcome[work.size()];
    for (int i = 0; i < work.size(); i++) {
      outcomes[i] = outcome(batches.get(i), results[i]);
      if (outcomes[i] == Outcome.STORED) {
        committed.add(batches.get(i));
      }
    }
    try {
      onCommitted.accept(committed);
    } catch (RuntimeException e) {
      LOG.error("updating live windows after a commit failed", e);
    }
    for (int i = 0; i < work.size(); i++) {
      work.get(i).done().complete(outcomes[i]);
    }
  }

  /**
   * A batch this commit stored is new; a repeat whose claim one of the failed commits that
   * held its key made was kept by that commit, and the live windows have not seen it yet.
   */
  private Outcome outcome(IngestBatch batch, BatchResult result) {
    String key = batch.idempotencyKey();
    long[] failedStamps = key == null ? null : uncertain.remove(key);
    if (result.stored()) {
      return Outcome.STORED;
    }
    if (!result.sameBody()) {
      return Outcome.CONFLICT;
    }
    if (failedStamps != null) {
      for (long s : failedStamps) {
        if (s == result.claimStamp()) {
          return Outcome.STORED;
        }
      }
    }
    return Outcome.DUPLICATE;
  }

  private long nextStamp() {
    long s;
    do {
      s = stamps.nextLong();
    } while (s == 0);                   // 0 is "no stamp": claims made before stamps existed
    return s;
  }

  private void rememberUncertain(IngestBatch batch, long stamp) {
    String key = batch.idempotencyKey();
    if (key == null) {
      return;
    }
    long[] before = uncertain.remove(key);
    long[] now = before == null ? new long[] {stamp} : Arrays.copyOf(before, before.length + 1);
    now[now.length - 1] = stamp;
    uncertain.put(key, now);              // re-inserted: the newest failure is forgotten last
    if (uncertain.size() > MAX_UNCERTAIN_KEYS) {
      Iterator<String> oldest = uncertain.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
  }

  /** Writes what is queued, then stops. */
  @Override public void close() {
    lock.lock();
    try {
      closed = true;
      nonEmpty.signal();
    } finally {
      lock.unlock();
    }
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!thread.isAlive()) {
      lock.lock();
      try {
        tasks.forEach(Runnable::run);     // left by an interrupted writer: run, never hang
        tasks.clear();
      } finally {
        lock.unlock();
      }
    }
  }
}
