package dev.nines.ingest;

import dev.nines.store.IngestBatch;
import dev.nines.store.Store;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
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
 * of dropping anything. A failed commit fails every batch in it; the store may still have
 * kept them (the connection died after COMMIT was sent), so a retry that turns out to be a
 * repeat of such a batch is passed on as committed, once.
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

  private record Pending(IngestBatch batch, CompletableFuture<Boolean> done) {}

  /** Keys of failed batches remembered, oldest forgotten first. */
  static final int MAX_UNCERTAIN_KEYS = 100_000;

  private final Store store;
  private final long maxQueuedEvents;
  private final Consumer<List<IngestBatch>> onCommitted;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition nonEmpty = lock.newCondition();
  private final List<Pending> queue = new ArrayList<>();
  private final List<Runnable> tasks = new ArrayList<>();
  /** Keys of batches whose commit failed; the writer thread's alone. */
  private final Set<String> uncertain = new LinkedHashSet<>();
  private final Thread thread;
  private long queuedEvents;
  private volatile boolean closed;
  private volatile boolean committing;
  private volatile long committedBatches;

  /**
   * Starts the writer thread.
   *
   * @param onCommitted called on the writer thread with the new (not repeated) batches of
   *     each commit, e.g. to update live SLO windows
   */
  public IngestWriter(Store store, long maxQueuedEvents, Consumer<List<IngestBatch>> onCommitted) {
    this.store = store;
    this.maxQueuedEvents = maxQueuedEvents;
    this.onCommitted = onCommitted;
    this.thread = Thread.ofPlatform().name("nines-ingest-writer").daemon(true).start(this::run);
  }

  /**
   * Queues a batch.
   *
   * @return completes with true once durable, false if its idempotency key was seen before,
   *     or exceptionally when the store failed (nothing of the batch was kept)
   * @throws SaturatedException when the queue cannot take it now
   */
  public CompletableFuture<Boolean> submit(IngestBatch batch) throws SaturatedException {
    CompletableFuture<Boolean> done = new CompletableFuture<>();
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
   * Runs {@code task} on the writer thread between two commits and waits for it: no commit
   * and no {@code onCommitted} call runs meanwhile, so the task sees the store and the live
   * state agree (used to rebuild live state on a spec reload).
   */
  public void runBetweenCommits(Runnable task) throws InterruptedException {
    java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
    RuntimeException[] failure = new RuntimeException[1];
    lock.lock();
    try {
      tasks.add(() -> {
        try {
          task.run();
        } catch (RuntimeException e) {
          failure[0] = e;
        } finally {
          done.countDown();
        }
      });
      nonEmpty.signal();
    } finally {
      lock.unlock();
    }
    done.await();
    if (failure[0] != null) {
      throw failure[0];
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
    boolean[] fresh;
    try {
      committing = true;
      fresh = store.commitIngest(batches);
    } catch (RuntimeException e) {
      committing = false;
      LOG.warn("ingest commit of {} batches failed: {}", work.size(), e.getMessage());
      batches.forEach(this::rememberUncertain);
      work.forEach(p -> p.done().completeExceptionally(e));
      return;
    }
    committing = false;
    committedBatches++;
    List<IngestBatch> committed = new ArrayList<>();
    for (int i = 0; i < work.size(); i++) {
      String key = batches.get(i).idempotencyKey();
      // A repeat of a batch whose commit "failed" was kept by that commit after all: the live
      // windows have not seen it yet.
      boolean wasUncertain = key != null && uncertain.remove(key);
      if (fresh[i] || wasUncertain) {
        committed.add(batches.get(i));
      }
    }
    try {
      onCommitted.accept(committed);
    } catch (RuntimeException e) {
      LOG.error("updating live windows after a commit failed", e);
    }
    for (int i = 0; i < work.size(); i++) {
      work.get(i).done().complete(fresh[i]);
    }
  }

  private void rememberUncertain(IngestBatch batch) {
    if (batch.idempotencyKey() == null || !uncertain.add(batch.idempotencyKey())) {
      return;
    }
    if (uncertain.size() > MAX_UNCERTAIN_KEYS) {
      Iterator<String> oldest = uncertain.iterator();
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
  }
}
