package dev.nines.store;

import java.util.List;

/**
 * One acknowledged-once batch of ingested events, reduced to bucket deltas.
 *
 * @param idempotencyKey makes a retried batch count once, or null
 * @param events how many events the batch held, for the record
 */
public record IngestBatch(String idempotencyKey, List<BucketDelta> buckets,
    List<HistogramDelta> histograms, int events) {
  public IngestBatch {
    buckets = List.copyOf(buckets);
    histograms = List.copyOf(histograms);
  }
}
