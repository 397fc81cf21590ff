package dev.nines.live;

import dev.nines.ingest.IngestWriter;
import dev.nines.model.Spec;
import dev.nines.store.IngestBatch;
import dev.nines.store.Store;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * A rebuild of the live SLO windows for a new spec beside the windows in force, so that
 * ingestion never waits for it. Between two commits it opens a snapshot of the stored minute
 * buckets and starts logging what each later commit adds; it loads the snapshot into new
 * windows on the calling thread while commits go on into the old ones, replays the logged
 * commits into the new windows, and swaps them in between two commits once they have caught
 * up. The new windows then hold every commit exactly once: those before the snapshot from the
 * store, those after it from the log.
 *
 * <p>Feed it every commit with {@link #committed}, from the writer's {@code onCommitted}.
 */
public final class LiveRebuild {
  private final ConcurrentLinkedQueue<List<IngestBatch>> meanwhile = new ConcurrentLinkedQueue<>();
  private volatile boolean logging;

  /** Logs a commit's new batches while a rebuild is loading; called on the writer thread. */
  public void committed(List<IngestBatch> batches) {
    if (logging && !batches.isEmpty()) {
      meanwhile.add(batches);
    }
  }

  /**
   * Builds windows for {@code spec} and hands them to {@code swap} on the writer thread,
   * between two commits, caught up with every commit so far. Blocks the caller (not the
   * writer) for as long as loading takes.
   *
   * @param swap puts the new windows in force; nothing is committed while it runs
   * @return the new windows
   */
  public LiveSlos run(Spec spec, Store store, IngestWriter writer, Clock clock,
      Consumer<LiveSlos> swap) throws InterruptedException {
    LiveSlos next = new LiveSlos(spec, clock.instant());
    Store.BucketCursor[] snapshot = new Store.BucketCursor[1];
    writer.runBetweenCommits(() -> {
      snapshot[0] = store.openMinuteBucketsSince(next.firstMinute());
      logging = true;
    });
    try (Store.BucketCursor cursor = snapshot[0]) {
      next.load(cursor);
      replayInto(next);                        // most of the log, off the writer thread
      writer.runBetweenCommits(() -> {
        replayInto(next);                      // what came since: a commit or two
        logging = false;
        next.tick(clock.instant());
        swap.accept(next);
      });
    } finally {
      logging = false;
      meanwhile.clear();
    }
    return next;
  }

  private void replayInto(LiveSlos next) {
    for (List<IngestBatch> batches; (batches = meanwhile.poll()) != null; ) {
      next.apply(batches);
    }
  }
}
