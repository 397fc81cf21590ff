package dev.nines.ingest.prometheus;

import dev.nines.store.BucketDelta;
import dev.nines.store.IngestBatch;
import dev.nines.store.Store;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * History from Prometheus written straight into the store: each SLO's minutes in [from, to),
 * read a day at a time with range queries and committed under the same keys as the
 * {@link PrometheusPuller}, so that backfilling over pulled minutes, or twice, counts nothing
 * twice. A failure stops the run; what was committed stays, and a rerun fills the rest.
 */
public final class Backfill {
  /** Minutes read and committed at once for one SLO. */
  public static final int CHUNK_MINUTES = 1_440;

  /**
   * What a backfill did.
   *
   * @param minutes SLO-minutes looked at: SLOs × minutes in the range
   * @param written SLO-minutes newly stored
   * @param alreadyPresent SLO-minutes whose key was already stored (nothing added)
   * @param empty SLO-minutes without data in Prometheus (no bucket)
   */
  public record Summary(int slos, long minutes, long written, long alreadyPresent, long empty) {}

  private final MinuteFetcher fetcher;
  private final Store store;

  public Backfill(PrometheusClient client, Store store) {
    this.fetcher = new MinuteFetcher(client);
    this.store = store;
  }

  /**
   * Fills epoch minutes [from, to) of every SLO.
   *
   * @param progress told the SLO-minutes done after each chunk
   */
  public Summary run(List<PrometheusSli> slis, long fromMinute, long toMinute,
      LongConsumer progress) throws PrometheusException {
    long written = 0;
    long present = 0;
    for (PrometheusSli sli : slis) {
      for (long from = fromMinute; from < toMinute; from += CHUNK_MINUTES) {
        long to = Math.min(toMinute, from + CHUNK_MINUTES);
        boolean[] fresh = commit(fetcher.fetch(sli, from, to));
        for (boolean f : fresh) {
          written += f ? 1 : 0;
          present += f ? 0 : 1;
        }
        progress.accept(to - from);
      }
    }
    long minutes = (long) slis.size() * Math.max(0, toMinute - fromMinute);
    return new Summary(slis.size(), minutes, written, present, minutes - written - present);
  }

  private boolean[] commit(List<BucketDelta> buckets) {
    if (buckets.isEmpty()) {
      return new boolean[0];
    }
    List<IngestBatch> batches = buckets.stream().map(MinuteCounts::batch).toList();
    return store.commitIngest(batches);
  }
}
