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

  /** When the oldest observation of a subject in [from, to) was made, or null without one. */
  Instant firstObservationAt(String subject, Instant from, Instant to);

  /** The newest observation of every subject and region since {@code since}. */
  List<StoredObservation> latestObservations(Instant since);

  /** Stores probe attempts. */
  void appendAttempts(List<StoredAttempt> attempts);

  /** The newest attempts of a monitor in [from, to), newest first, at most {@code limit}. */
  List<StoredAttempt> attempts(String monitor, Instant from, Instant to, int limit);

  /**
   * Attempts of {@code monitor} in [from, to), newest first, skipping {@code offset}, at most
   * {@code limit}, with how many there are in all.
   */
  Slice<StoredAttempt> attemptPage(String monitor, Instant from, Instant to, int offset,
      int limit);

  /**
   * Deletes what is past retention: attempts, observations, latency rows, idempotency keys and
   * delivered or failed outbox rows received before {@code rawBefore}; minute buckets before
   * {@code bucketsBefore}, and with them the keys that protect those minutes
   * ({@link IngestBatch#protectsMinute()}), which are kept as long as the buckets they guard
   * whenever they were received. Hourly rollups and pending notifications stay. Rows go key by
   * key in short transactions, so writes go on while it runs.
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

  // The outbox of notifications (migration V10).

  /** Notifications in the outbox not sent yet (for the process's health metrics). */
  long outboxPending();

  // Alerts.

  /** The open alerts (pending and firing), by fingerprint. */
  Map<String, StoredAlert> openAlerts();

  /**
   * Commits one evaluation in one transaction: the open alerts written, those closed removed
   * and the transitions appended to the history.
   */
  void commitAlerts(List<StoredAlert> upserts, List<String> closedFingerprints,
      List<AlertEvent> history);

  /** The alert history matching {@code query}, newest first. */
  Slice<AlertEvent> alertHistory(AlertQuery query, int offset, int limit);

  /** Marks transitions of the history as handed on. */
  void markAlertEventsDelivered(List<Long> ids);

  /**
   * Takes or renews the lease {@code name} for {@code holder} until {@code now + ttl}.
   *
   * @return whether {@code holder} holds it now
   */
  boolean acquireLease(String name, String holder, Instant now, java.time.Duration ttl);

  /** Gives up the lease when {@code holder} holds it. */
  void releaseLease(String name, String holder);

  // Groups of alerts for the team's channels (migration V61).

  /** The stored groups, of key {@code key} (null: any) due by {@code dueBy} (null: any). */
  List<StoredAlertGroup> alertGroups(String key, Instant dueBy);

  /** The members of group {@code key}, or only the one of id {@code id} when not null. */
  List<StoredAlertGroupMember> alertGroupMembers(String key, String id);

  /**
   * Writes a group, or deletes it with its members, writes and removes members, and adds the
   * outbox rows of its message, in one transaction, if the group's stored version is still
   * {@code group.version()} (0: a group not stored yet).
   *
   * @return false, writing nothing, when another write came first
   */
  boolean saveAlertGroup(StoredAlertGroup group, boolean delete,
      List<StoredAlertGroupMember> members, List<String> removedMembers, List<OutboxMessage> rows);

  // Incidents.

  /** Opens an incident with its first timeline entry; returns its id. */
  long createIncident(String service, String client, String title, Instant at, String openedBy,
      List<String> slos, dev.nines.incident.Incident.Event first);

  /** Appends to an incident's timeline (and affected SLOs); false when there is no such one. */
  boolean addIncidentEvent(long id, dev.nines.incident.Incident.Event event, List<String> slos);

  /** Resolves an open incident, with its root-cause note when given; false when not open. */
  boolean resolveIncident(long id, Instant at, String author, String rootCause);

  /** Sets the root-cause note; false when there is no such incident. */
  boolean setRootCause(long id, Instant at, String author, String note);

  /** The incident with this id. */
  Optional<dev.nines.incident.Incident> incident(long id);

  /**
   * Incidents of {@code client} and {@code service} (null: any), open or resolved (null:
   * both), overlapping [from, to) (null: unbounded), newest first.
   */
  Slice<dev.nines.incident.Incident> incidents(String client, String service, Boolean open,
      Instant from, Instant to, int offset, int limit);

  // Maintenance windows added through the API.

  /** Stores a window; returns its id. */
  long addMaintenance(dev.nines.maintenance.MaintenanceWindow window);

  /** Deletes a window; false when there is no such one. */
  boolean deleteMaintenance(long id, Instant at);

  /** Every stored window not deleted, by start. */
  List<dev.nines.maintenance.MaintenanceWindow> maintenanceWindows();

  // Stored history rewritten after the fact (maintenance applied to the past; migration V60).

  /**
   * Replaces minute buckets in one transaction: for each replacement every stored minute of
   * its SLI in its range is dropped and its new minutes written, and the hourly rollups of those
   * hours move by the difference, so each still sums its minutes. Unlike ingestion this may
   * lower a bucket: it is for history recomputed after the fact, never for new measurements.
   *
   * @return for each replacement, how many of its minutes are different now
   */
  long[] replaceMinuteBuckets(List<BucketReplacement> replacements);

  /** Records that a maintenance window was applied to the stored history. */
  void saveMaintenanceApplied(dev.nines.maintenance.AppliedHistory applied);

  /** The latest record of the window of {@code service} over [start, end) applied to the history. */
  Optional<dev.nines.maintenance.AppliedHistory> maintenanceApplied(String service,
      Instant start, Instant end);

  /**
   * Adds rows in one transaction; a row whose (key, channel) is stored already adds nothing.
   *
   * @return for each row, whether it was new (true) or a repeat (false)
   */
  boolean[] enqueueOutbox(List<OutboxMessage> messages);

  /**
   * Claims up to {@code limit} pending rows due at {@code now} (oldest due first) until
   * {@code leaseUntil}, payloads included. A row under an unexpired lease is not claimed, so
   * concurrent senders, in one process or several on one PostgreSQL, never hold the same row
   * at once; an expired lease (a sender died mid-send) lets the row be claimed again.
   *
   * @param claim an id new for every call (at most 64 characters), e.g. a sender's id and a
   *     counter; {@link #completeOutbox} names it
   */
  List<OutboxMessage> claimOutbox(String claim, Instant now, Instant leaseUntil, int limit);

  /**
   * Records the outcomes of rows of {@code claim} and releases them: delivered at
   * {@code now}, pending again from {@code retryAt}, or failed. A row whose lease expired and
   * that another claim took since is left alone.
   *
   * @return rows updated
   */
  int completeOutbox(String claim, List<OutboxResult> results, Instant now);

  /**
   * Rows newest first, without payloads, optionally of one status and one channel (null for
   * any), from {@code offset}, at most {@code limit}, and the number that match.
   */
  OutboxListing outbox(String status, String channel, int offset, int limit);

  /** How many rows each channel has in each status, by channel then status. */
  List<OutboxCount> outboxCounts();

  // Reports, daily uptime and status-page subscribers (migration V40).

  /** Archives a report, replacing the one of the same client, period and format. */
  void saveReport(StoredReport report);

  /** Archived reports of {@code client} (null: every client), newest period first, without content. */
  List<StoredReport> reports(String client);

  /** The archived report of a client, period and format, with its content. */
  Optional<StoredReport> report(String client, String period, String format);

  /** Stores days of monitor uptime, replacing those of the same monitor and span. */
  void saveUptimeDays(List<UptimeDay> days);

  /** The stored days of {@code monitor} inside [from, to), by start. */
  List<UptimeDay> uptimeDays(String monitor, Instant from, Instant to);

  /**
   * Subscribes {@code email} to the status of {@code client}: its live subscription when it has
   * one (pending or confirmed), else a new pending one with {@code token}.
   */
  Subscriber addSubscriber(String client, String email, String token, Instant now);

  /** The subscription with this token. */
  Optional<Subscriber> subscriber(String token);

  /** Confirms a pending subscription; false when there is none with this token. */
  boolean confirmSubscriber(String token, Instant now);

  /** Ends a subscription; false when there is no live one with this token. */
  boolean unsubscribe(String token, Instant now);

  /** The confirmed, live subscribers of {@code client}. */
  List<Subscriber> subscribers(String client);
}
