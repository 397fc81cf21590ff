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
   * Commits batches in one transaction: each batch whose idempotency key is new adds its
   * deltas to the minute and hour buckets; a batch whose key was seen adds nothing.
   *
   * @return for each batch, whether it was new (true) or a repeat (false)
   */
  boolean[] commitIngest(List<IngestBatch> batches);

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
   * before {@code rawBefore}; minute buckets before {@code bucketsBefore}. Hourly rollups stay.
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

  /** Every API token, by name (hashes and scopes; secrets are never stored). */
  List<ApiToken> tokens();

  /** Deletes the token of this name; false when there is none. */
  boolean revokeToken(String name);

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

  /** Deletes a user; false when there is no such user. */
  boolean removeUser(String name);

  /** Disables a user from {@code at} on, or enables it with null; false when there is no such user. */
  boolean setUserDisabled(String name, Instant at);

  /** Records the clients of the spec a server runs (at start and on every reload). */
  void recordSpecClients(List<String> clients, Instant at);

  /** The clients of the spec the server last ran; empty when no server has recorded them. */
  Optional<List<String>> specClients();

  /**
   * Whether the store takes a write now (a small committed update; false on a full disk, a
   * read-only file or a database that does not answer). For readiness.
   */
  boolean writable();

  /** Notifications in the outbox not sent yet (for the process's health metrics). */
  long outboxPending();

}
