package dev.nines.store;

import java.util.List;

/**
 * One acknowledged-once batch of ingested events, reduced to bucket deltas.
 *
 * @param idempotencyKey makes a retried batch count once, or null
 * @param events how many events the batch held, for the record
 * @param fingerprint a digest of the request the key was first used with, or null: a repeat
 *     of the key with another fingerprint is a different batch under a reused key
 * @param protectsMinute the epoch minute whose buckets the key guards (a Prometheus
 *     {@code prom:SLO:MINUTE} key), or null: such a key is kept as long as that minute's
 *     buckets, other keys as long as raw data
 */
public record IngestBatch(String idempotencyKey, List<BucketDelta> buckets,
    List<HistogramDelta> histograms, int events, String fingerprint, Long protectsMinute) {
  public IngestBatch {
    buckets = List.copyOf(buckets);
    histograms = List.copyOf(histograms);
  }

  /** A batch without a fingerprint whose key is kept as long as raw data. */
  public IngestBatch(String idempotencyKey, List<BucketDelta> buckets,
      List<HistogramDelta> histograms, int events) {
    this(idempotencyKey, buckets, histograms, events, null, null);
  }

  /** The same batch, its key claimed with {@code fingerprint}. */
  public IngestBatch withFingerprint(String fingerprint) {
    return new IngestBatch(idempotencyKey, buckets, histograms, events, fingerprint,
        protectsMinute);
  }
}
