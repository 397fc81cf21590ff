package dev.nines.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where Nines keeps every measurement: SLI buckets, probe attempts, state observations,
 * alerts, the outbox, incidents, maintenance, reports, users and tokens. Every write is
 * durable when it returns. Methods throw {@link StoreUnavailableException} when the database
 * is locked, full or down; nothing of the failed call is committed then.
 */
public interface Store extends AutoCloseable {

  /**
   * Commits batches in one transaction: each batch whose idempotency key is new claims the
   * key, stamped with {@code commitStamp} (which names this commit) and {@code receivedAt},
   * and adds its deltas to the minute and hour buckets; a batch whose key was claimed before
   * adds nothing and is told which commit claimed it and whether its body was the same.
   *
   * @return what the commit did with each batch, in order
   */
  BatchResult[] commitIngest(List<IngestBatch> batches, long commitStamp, Instant receivedAt);

  /**
   * {@link #commitIngest(List, long, Instant)} without a commit stamp, received now.
   *
   * @return for each batch, whether it was new (true) or a repeat (false)
   */
  default boolean[] commitIngest(List<IngestBatch> batches) {
    BatchResult[] results = commitIngest(batches, 0, Instant.now());
    boolean[] stored = new boolean[results.length];
    for (int i = 0; i < results.length; i++) {
      stored[i] = results[i].stored();
    }
    return stored;
  }

  /** Minute buckets of one SLI in epoch minutes [from, to), ascending, empty minutes absent. */
  List<MinuteBucket> minuteBuckets(String sli, long fromMinute, long toMinute);

  /** Minute buckets of every SLI from epoch minute {@code fromMinute} on, by SLI. */
  Map<String, List<MinuteBucket>> minuteBucketsSince(long fromMinute);

  /**
   * Hands every minute bucket from epoch minute {@code fromMinute} on to {@code sink}, by SLI
   * then minute, without holding them in memory (30 days of 1,000 SLIs are 43 M rows).
   */
  void forEachMinuteBucketSince(long fromMinute, BucketSink sink);

  /** A receiver of stored minute buckets, one at a time. */
  @FunctionalInterface
  interface BucketSink {
    void accept(String sli, long minute, long good, long valid);
  }

  /**
   * A snapshot of the minute buckets from epoch minute {@code fromMinute} on, fixed by the
   * time this returns: commits made afterwards are not in it, commits made before all are.
   * Read it once, on one thread at a time, then close it. Lets live windows be rebuilt from
   * the store while ingestion goes on.
   */
  BucketCursor openMinuteBucketsSince(long fromMinute);

  /** {@link #openMinuteBucketsSince(long)} of the named SLIs only (null: every SLI). */
  BucketCursor openMinuteBucketsSince(long fromMinute, java.util.Collection<String> slis);

  /** Minute buckets of one snapshot, by SLI then minute. */
  interface BucketCursor extends AutoCloseable {
    /** Hands every bucket of the snapshot to {@code sink}. */
    void forEach(BucketSink sink);

    /** Ends the snapshot. */
    @Override void close();
  }

  /** Hourly rollups of one SLI in epoch hours [from, to), ascending. */
  List<MinuteBucket> hourBuckets(String sli, long fromHour, long toHour);

  /** Latency histogram counts of a series over [from, to) epoch minutes, by bucket bound. */
  Map<Long, Long> latency(String series, long fromMinute, long toMinute);

  /** Stores observations and the state changes they make. */
  void appendObservations(List<StoredObservation> observations);

  /** Observations of a subject in [from, to), ascending by time. */
  List<StoredObservation> observations(String subject, Instant from, Instant to);

  /** Stores probe attempts. */
  void appendAttempts(List<StoredAttempt> attempts);

  /** The newest attempts of a monitor in [from, to), newest first, at most {@code limit}. */
  List<StoredAttempt> attempts(String monitor, Instant from, Instant to, int limit);

  /**
   * Deletes what is past retention: attempts, observations, latency rows and idempotency keys
   * received before {@code rawBefore}; minute buckets before {@code bucketsBefore}, and with
   * them the keys that protect those minutes ({@link IngestBatch#protectsMinute()}), which are
   * kept as long as the buckets they guard whenever they were received. Hourly rollups stay.
   * Rows go key by key in short transactions, so writes go on while it runs.
   *
   * @return rows deleted
   */
  long prune(Instant rawBefore, Instant bucketsBefore);

  /**
   * Stores the results an agent pushed, once: attempts and observations are committed together
   * with {@code idempotencyKey}, and a repeat of the key stores nothing.
   *
   * @return true when new, false for a repeat
   */
  boolean appendProbeResults(String idempotencyKey, List<StoredAttempt> attempts,
      List<StoredObservation> observations);

  /** Stores a new API token. */
  void saveToken(ApiToken token);

  /** The token with this secret hash, marking it used at {@code now}. */
  Optional<ApiToken> useToken(String hash, Instant now);

  /** Whether the database answers a trivial query now. */
  boolean ping();

  /** The dialect name, {@code sqlite} or {@code postgresql}. */
  String dialect();

  @Override void close();

  // Users of the console and portal (issue 5).

  /**
   * Stores a new user.
   *
   * @return false, changing nothing, when a user of that name exists
   */
  boolean saveUser(AppUser user);

  /** The user with this name. */
  Optional<AppUser> user(String name);

  /** Every user, by name. */
  List<AppUser> users();

  /** Replaces a user's password hash; false when there is no such user. */
  boolean setPasswordHash(String name, String passwordHash);

  /** Notifications in the outbox not sent yet (for the process's health metrics). */
  long outboxPending();

}
