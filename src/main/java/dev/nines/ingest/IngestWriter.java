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

  /**
   * What one commit stored, for the live windows.
   *
   * @param sequence the commit's number: commits are numbered in order, failed ones too
   * @param batches the batches stored now (new ones, and ones a failed commit had kept)
   * @param keptBy for each batch, the sequence of the failed commit that kept it, or -1 when
   *     this commit stored it
   */
  public record Commit(long sequence, List<IngestBatch> batches, long[] keptBy) {
    public Commit {
      batches = List.copyOf(batches);
    }

    /** Whether batch {@code i} was kept by a commit numbered below {@code sequence}. */
    public boolean keptBefore(int i, long sequence) {
      return keptBy[i] >= 0 && keptBy[i] < sequence;
    }
  }

  /** Keys of failed batches remembered, oldest forgotten first. */
  static final int MAX_UNCERTAIN_KEYS = 100_000;

  private final Store store;
  private final long maxQueuedEvents;
  private final Consumer<Commit> onCommitted;
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
  /** The next commit's number; the writer thread's, read by its tasks. */
  private volatile long sequence;
  private volatile boolean closed;
  private volatile boolean committing;
  private volatile long committedBatches;

  /** A writer that stamps claims with the system clock. */
  public IngestWriter(Store store, long maxQueuedEvents, Consumer<List<IngestBatch>> onCommitted) {
    this(store, maxQueuedEvents, onCommitted, Clock.systemUTC());
  }

  /** A writer handing each commit's stored batches to {@code onCommitted}. */
  public IngestWriter(Store store, long maxQueuedEvents, Consumer<List<IngestBatch>> onCommitted,
      Clock clock) {
    this(store, clock, maxQueuedEvents, c -> onCommitted.accept(c.batches()));
  }

  /**
   * Starts the writer thread.
   *
   * @param onCommitted called on the writer thread with what each commit stored (not the
   *     repeats), e.g. to update live SLO windows
   * @param clock when claims are received, for the retention of idempotency keys
   */
  public IngestWriter(Store store, Clock clock, long maxQueuedEvents,
      Consumer<Commit> onCommitted) {
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

  /**
   * The sequence number the next commit will get. Read between two commits (in a task of
   * {@link #runBetweenCommits}), it divides the commits that a store snapshot taken there
   * holds from those it does not.
   */
  public long nextSequence() {
    return sequence;
  }

  /**
   * Forgets the failed commits numbered below {@code sequence}: live windows rebuilt from a
   * snapshot taken at that number hold whatever those commits kept, so a repeat of their
   * batches is a duplicate from now on. To call between commits, as the new windows go in.
   */
  public void forgetFailuresBefore(long sequence) {
    uncertain.replaceAll((key, failed) -> {
      long[] kept = new long[failed.length];
      int n = 0;
      for (int k = 0; k < failed.length; k += 2) {
        if (failed[k + 1] >= sequence) {
          kept[n++] = failed[k];
          kept[n++] = failed[k + 1];
        }
      }
      return Arrays.copyOf(kept, n);
    });
    uncertain.values().removeIf(failed -> failed.length == 0);
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
    long seq = sequence++;
    BatchResult[] results;
    try {
      committing = true;
      results = store.commitIngest(batches, stamp, clock.instant());
    } catch (RuntimeException e) {
      committing = false;
      LOG.warn("ingest commit of {} batches failed: {}", work.size(), e.getMessage());
      batches.forEach(b -> rememberUncertain(b, stamp, seq));
      work.forEach(p -> p.done().completeExceptionally(e));
      return;
    }
    committing = false;
    committedBatches++;
    List<IngestBatch> committed = new ArrayList<>();
    long[] keptBy = new long[work.size()];
    Outcome[] outcomes = new Outcome[work.size()];
    for (int i = 0; i < work.size(); i++) {
      keptBy[i] = -1;
      outcomes[i] = outcome(batches.get(i), results[i], keptBy, committed.size());
      if (outcomes[i] == Outcome.STORED) {
        committed.add(batches.get(i));
      }
    }
    try {
      onCommitted.accept(new Commit(seq, committed, Arrays.copyOf(keptBy, committed.size())));
    } catch (RuntimeException e) {
      LOG.error("updating live windows after a commit failed", e);
    }
    for (int i = 0; i < work.size(); i++) {
      work.get(i).done().complete(outcomes[i]);
    }
  }

  /**
   * A batch this commit stored is new; a repeat whose claim one of the failed commits that
   * held its key made was kept by that commit, and the live windows have not seen it yet:
   * that commit's sequence goes to {@code keptBy[at]}.
   */
  private Outcome outcome(IngestBatch batch, BatchResult result, long[] keptBy, int at) {
    String key = batch.idempotencyKey();
    long[] failed = key == null ? null : uncertain.remove(key);
    if (result.stored()) {
      return Outcome.STORED;
    }
    if (!result.sameBody()) {
      return Outcome.CONFLICT;
    }
    if (failed != null) {
      for (int k = 0; k < failed.length; k += 2) {
        if (failed[k] == result.claimStamp()) {
          keptBy[at] = failed[k + 1];
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

  /** Remembers that the failed commit {@code seq}, stamped {@code stamp}, held the batch. */
  private void rememberUncertain(IngestBatch batch, long stamp, long seq) {
    String key = batch.idempotencyKey();
    if (key == null) {
      return;
    }
    long[] before = uncertain.remove(key);
    long[] now = before == null ? new long[2] : Arrays.copyOf(before, before.length + 2);
    now[now.length - 2] = stamp;
    now[now.length - 1] = seq;
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
