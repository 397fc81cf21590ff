package dev.nines.live;

import dev.nines.ingest.IngestWriter;
import dev.nines.model.Spec;
import dev.nines.store.IngestBatch;
import dev.nines.store.Store;
import java.time.Clock;
import java.util.ArrayList;
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
 * Batches that a failed commit kept are in the snapshot when that commit came before it, so
 * their late acknowledgement is not replayed into the new windows.
 */
public final class LiveRebuild {
  /** The share of the time the snapshot is read; the rest the loader sleeps. */
  static final double BUSY_SHARE = 0.5;
  /** How much work goes between two pauses of the loader. */
  static final long SLICE_NANOS = 5_000_000;

  private final ConcurrentLinkedQueue<List<IngestBatch>> meanwhile = new ConcurrentLinkedQueue<>();
  private volatile boolean logging;
  /** Commits numbered below this are in the snapshot, failed ones that kept batches too. */
  private long snapshotSequence;

  /**
   * Logs what a commit stored while a rebuild is loading; called on the writer thread. A batch
   * kept by a commit that failed before the snapshot was taken is in the snapshot already
   * (the store has it), so it is not logged again.
   */
  public void committed(IngestWriter.Commit commit) {
    if (!logging || commit.batches().isEmpty()) {
      return;
    }
    List<IngestBatch> replay = new ArrayList<>(commit.batches().size());
    for (int i = 0; i < commit.batches().size(); i++) {
      if (!commit.keptBefore(i, snapshotSequence)) {
        replay.add(commit.batches().get(i));
      }
    }
    meanwhile.add(replay);
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
      snapshot[0] = store.openMinuteBucketsSince(next.firstMinute(), next.names());
      snapshotSequence = writer.nextSequence();
      logging = true;
    });
    try (Store.BucketCursor cursor = snapshot[0]) {
      next.load(paced(cursor));
      replayInto(next);                        // most of the log, off the writer thread
      writer.runBetweenCommits(() -> {
        replayInto(next);                      // what came since: a commit or two
        logging = false;
        next.tick(clock.instant());
        swap.accept(next);
        writer.forgetFailuresBefore(snapshotSequence);   // the new windows hold what they kept
      });
    } finally {
      logging = false;
      meanwhile.clear();
    }
    return next;
  }

  /**
   * The snapshot read at most {@link #BUSY_SHARE} of the time: after each slice of work the
   * loading thread sleeps in proportion, leaving the cores to the requests and commits going
   * on meanwhile (on two cores a loader running flat out doubled their tail latency).
   */
  private static Store.BucketCursor paced(Store.BucketCursor cursor) {
    return new Store.BucketCursor() {
      @Override public void forEach(Store.BucketSink sink) {
        long[] slice = {System.nanoTime(), 0};
        cursor.forEach((sli, minute, good, valid) -> {
          sink.accept(sli, minute, good, valid);
          if ((++slice[1] & 1023) == 0) {
            long busy = System.nanoTime() - slice[0];
            if (busy >= SLICE_NANOS) {
              pause((long) (busy * (1 - BUSY_SHARE) / BUSY_SHARE));
              slice[0] = System.nanoTime();
            }
          }
        });
      }

      @Override public void close() {
        cursor.close();
      }
    };
  }

  private static void pause(long nanos) {
    try {
      Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void replayInto(LiveSlos next) {
    for (List<IngestBatch> batches; (batches = meanwhile.poll()) != null; ) {
      next.apply(batches);
    }
  }
}
