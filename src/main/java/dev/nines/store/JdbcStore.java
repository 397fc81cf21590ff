package dev.nines.store;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link Store} over JDBC, for SQLite and PostgreSQL alike: the SQL is shared (both speak
 * {@code INSERT ... ON CONFLICT}); what differs lives in the {@link Dialect}.
 */
final class JdbcStore implements Store {
  private static final String UPSERT_MINUTE = "INSERT INTO sli_minute (sli, minute, good, valid) "
      + "VALUES (?, ?, ?, ?) ON CONFLICT (sli, minute) DO UPDATE SET "
      + "good = sli_minute.good + excluded.good, valid = sli_minute.valid + excluded.valid";
  private static final String UPSERT_HOUR = "INSERT INTO sli_hour (sli, hour, good, valid) "
      + "VALUES (?, ?, ?, ?) ON CONFLICT (sli, hour) DO UPDATE SET "
      + "good = sli_hour.good + excluded.good, valid = sli_hour.valid + excluded.valid";
  private static final String UPSERT_LATENCY = "INSERT INTO latency_minute "
      + "(series, minute, bound_ms, count) VALUES (?, ?, ?, ?) "
      + "ON CONFLICT (series, minute, bound_ms) DO UPDATE SET "
      + "count = latency_minute.count + excluded.count";
  private static final String CLAIM_KEY = "INSERT INTO ingest_batch "
      + "(idempotency_key, received_at, events) VALUES (?, ?, ?) "
      + "ON CONFLICT (idempotency_key) DO NOTHING";
  private static final String CLAIM_BATCH = "INSERT INTO ingest_batch (idempotency_key, "
      + "received_at, events, commit_stamp, fingerprint, protects_minute) "
      + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING";
  private static final String CLAIM_OF = "SELECT commit_stamp, fingerprint FROM ingest_batch "
      + "WHERE idempotency_key = ?";

  private final HikariDataSource dataSource;
  private final java.util.concurrent.ExecutorService housekeeper;
  private final Dialect dialect;
  private final Jdbc jdbc;
  private final ObservationLog observations;
  private final java.nio.file.Path sqliteFile;

  /**
   * @param housekeeper the pool's housekeeping thread, stopped when the store closes
   * @param sqliteFile the SQLite database file, whose disk readiness watches; null for PostgreSQL
   */
  JdbcStore(HikariDataSource dataSource, Dialect dialect,
      java.util.concurrent.ExecutorService housekeeper, java.nio.file.Path sqliteFile) {
    this.housekeeper = housekeeper;
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.jdbc = new Jdbc(dataSource, dialect);
    this.observations = new ObservationLog(jdbc);
    this.sqliteFile = sqliteFile;
  }

  @Override public BatchResult[] commitIngest(List<IngestBatch> batches, long commitStamp,
      Instant receivedAt) {
    return jdbc.transaction(c -> {
      BatchResult[] results = new BatchResult[batches.size()];
      Map<List<Object>, long[]> minutes = new LinkedHashMap<>();
      Map<List<Object>, long[]> hours = new LinkedHashMap<>();
      Map<List<Object>, long[]> latency = new LinkedHashMap<>();
      try (PreparedStatement claim = c.prepareStatement(CLAIM_BATCH);
          PreparedStatement claimOf = c.prepareStatement(CLAIM_OF)) {
        for (int i = 0; i < batches.size(); i++) {
          IngestBatch b = batches.get(i);
          if (b.idempotencyKey() != null && !claim(claim, b, commitStamp, receivedAt)) {
            results[i] = repeat(claimOf, b);
            continue;
          }
          results[i] = new BatchResult(true, b.idempotencyKey() == null ? 0 : commitStamp, true);
          for (BucketDelta d : b.buckets()) {
            add(minutes, List.of(d.sli(), d.minute()), d.good(), d.valid());
            add(hours, List.of(d.sli(), Math.floorDiv(d.minute(), 60)), d.good(), d.valid());
          }
          for (HistogramDelta h : b.histograms()) {
            add(latency, List.of(h.series(), h.minute(), h.boundMillis()), h.count(), 0);
          }
        }
      }
      upsert(c, UPSERT_MINUTE, minutes, true);
      upsert(c, UPSERT_HOUR, hours, true);
      upsert(c, UPSERT_LATENCY, latency, false);
      return results;
    });
  }

  /** Claims a batch's key for this commit; false when it was claimed before. */
  private static boolean claim(PreparedStatement claim, IngestBatch b, long commitStamp,
      Instant receivedAt) throws SQLException {
    claim.setString(1, b.idempotencyKey());
    claim.setLong(2, receivedAt.toEpochMilli());
    claim.setInt(3, b.events());
    claim.setLong(4, commitStamp);
    claim.setString(5, b.fingerprint());
    if (b.protectsMinute() == null) {
      claim.setNull(6, java.sql.Types.BIGINT);
    } else {
      claim.setLong(6, b.protectsMinute());
    }
    return claim.executeUpdate() > 0;
  }

  /** A repeat: which commit claimed the key, and whether with the same body. */
  private static BatchResult repeat(PreparedStatement claimOf, IngestBatch b)
      throws SQLException {
    claimOf.setString(1, b.idempotencyKey());
    try (ResultSet rs = claimOf.executeQuery()) {
      if (!rs.next()) {
        return new BatchResult(false, 0, true);     // claimed and pruned meanwhile: a repeat
      }
      long stamp = rs.getLong(1);
      String fingerprint = rs.getString(2);
      boolean same = fingerprint == null || b.fingerprint() == null
          || fingerprint.equals(b.fingerprint());
      return new BatchResult(false, stamp, same);
    }
  }

  private static void add(Map<List<Object>, long[]> into, List<Object> key, long a, long b) {
    long[] sums = into.computeIfAbsent(key, k -> new long[2]);
    sums[0] += a;
    sums[1] += b;
  }

  private static void upsert(Connection c, String sql, Map<List<Object>, long[]> rows,
      boolean twoValues) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (Map.Entry<List<Object>, long[]> row : rows.entrySet()) {
        int i = 1;
        for (Object k : row.getKey()) {
          ps.setObject(i++, k);
        }
        ps.setLong(i++, row.getValue()[0]);
        if (twoValues) {
          ps.setLong(i, row.getValue()[1]);
        }
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  @Override public List<MinuteBucket> minuteBuckets(String sli, long fromMinute, long toMinute) {
    return buckets("SELECT minute, good, valid FROM sli_minute WHERE sli = ? AND minute >= ? "
        + "AND minute < ? ORDER BY minute", sli, fromMinute, toMinute);
  }

  @Override public List<MinuteBucket> hourBuckets(String sli, long fromHour, long toHour) {
    return buckets("SELECT hour, good, valid FROM sli_hour WHERE sli = ? AND hour >= ? "
        + "AND hour < ? ORDER BY hour", sli, fromHour, toHour);
  }

  private List<MinuteBucket> buckets(String sql, String sli, long from, long to) {
    return jdbc.read(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setString(1, sli);
        ps.setLong(2, from);
        ps.setLong(3, to);
        List<MinuteBucket> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new MinuteBucket(rs.getLong(1), rs.getLong(2), rs.getLong(3)));
          }
        }
        return out;
      }
    });
  }

  @Override public Map<String, List<MinuteBucket>> minuteBucketsSince(long fromMinute) {
    Map<String, List<MinuteBucket>> out = new LinkedHashMap<>();
    forEachMinuteBucketSince(fromMinute, (sli, minute, good, valid) ->
        out.computeIfAbsent(sli, k -> new ArrayList<>()).add(new MinuteBucket(minute, good, valid)));
    return out;
  }

  @Override public void forEachMinuteBucketSince(long fromMinute, BucketSink sink) {
    // In a transaction: PostgreSQL streams with a fetch size only outside autocommit.
    jdbc.transaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT sli, minute, good, valid FROM "
          + "sli_minute WHERE minute >= ? ORDER BY sli, minute")) {
        ps.setLong(1, fromMinute);
        ps.setFetchSize(10_000);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            sink.accept(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
          }
        }
        return null;
      }
    });
  }

  @Override public BucketCursor openMinuteBucketsSince(long fromMinute) {
    return openMinuteBucketsSince(fromMinute, null);
  }

  @Override public BucketCursor openMinuteBucketsSince(long fromMinute,
      java.util.Collection<String> slis) {
    try {
      return new SnapshotCursor(dataSource.getConnection(), fromMinute, slis, dialect, jdbc);
    } catch (SQLException e) {
      throw jdbc.translate(e);
    }
  }

  @Override public Map<Long, Long> latency(String series, long fromMinute, long toMinute) {
    return jdbc.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT bound_ms, SUM(count) FROM "
          + "latency_minute WHERE series = ? AND minute >= ? AND minute < ? "
          + "GROUP BY bound_ms ORDER BY bound_ms")) {
        ps.setString(1, series);
        ps.setLong(2, fromMinute);
        ps.setLong(3, toMinute);
        Map<Long, Long> out = new LinkedHashMap<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.put(rs.getLong(1), rs.getLong(2));
          }
        }
        return out;
      }
    });
  }

  @Override public void appendObservations(List<StoredObservation> list) {
    observations.append(list);
  }

  @Override public List<StoredObservation> observations(String subject, Instant from, Instant to) {
    return observations.between(subject, from, to);
  }

  @Override public Instant firstObservationAt(String subject, Instant from, Instant to) {
    return observations.first(subject, from, to);
  }

  @Override public List<StoredObservation> latestObservations(Instant since) {
    return observations.latest(since);
  }

  @Override public void appendAttempts(List<StoredAttempt> attempts) {
    AttemptLog.append(jdbc, attempts);
  }

  @Override public List<StoredAttempt> attempts(String monitor, Instant from, Instant to,
      int limit) {
    return AttemptLog.between(jdbc, monitor, from, to, limit);
  }

  @Override public Slice<StoredAttempt> attemptPage(String monitor, Instant from, Instant to,
      int offset, int limit) {
    return AttemptLog.page(jdbc, monitor, from, to, offset, limit);
  }

  @Override public boolean appendProbeResults(String key, List<StoredAttempt> attempts,
      List<StoredObservation> list) {
    Map<String, String> last = new java.util.HashMap<>();
    boolean fresh = jdbc.transaction(c -> {
      try (PreparedStatement claim = c.prepareStatement(CLAIM_KEY)) {
        claim.setString(1, key);
        claim.setLong(2, System.currentTimeMillis());
        claim.setInt(3, attempts.size() + list.size());
        if (claim.executeUpdate() == 0) {
          return false;
        }
      }
      if (!attempts.isEmpty()) {
        AttemptLog.insert(c, attempts);
      }
      if (!list.isEmpty()) {
        last.putAll(observations.insert(c, list));
      }
      return true;
    });
    observations.committed(last);
    return fresh;
  }

  @Override public long prune(Instant rawBefore, Instant bucketsBefore) {
    long raw = rawBefore.toEpochMilli();
    long minute = Math.floorDiv(bucketsBefore.getEpochSecond(), 60);
    return Retention.prune(jdbc, Retention.PROBE_ATTEMPT, raw)
        + Retention.prune(jdbc, Retention.OBSERVATION, raw)
        + Retention.pruneClaims(jdbc, raw, minute)
        + Retention.prune(jdbc, Retention.LATENCY_MINUTE, Math.floorDiv(raw, 60_000))
        + Retention.prune(jdbc, Retention.SLI_MINUTE, minute)
        + jdbc.transaction(c -> OutboxTable.prune(c, rawBefore));
  }

  @Override public void saveToken(ApiToken t) {
    jdbc.transaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO api_token (name, token_hash, "
          + "scopes, created_at) VALUES (?, ?, ?, ?)")) {
        ps.setString(1, t.name());
        ps.setString(2, t.hash());
        ps.setString(3, String.join(",", t.scopes()));
        ps.setLong(4, t.createdAt().toEpochMilli());
        return ps.executeUpdate();
      }
    });
  }

  @Override public Optional<ApiToken> useToken(String hash, Instant now) {
    Optional<ApiToken> found = jdbc.read(c -> {
      ApiToken token = null;
      try (PreparedStatement ps = c.prepareStatement("SELECT name, scopes, created_at FROM "
          + "api_token WHERE token_hash = ?")) {
        ps.setString(1, hash);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            token = new ApiToken(rs.getString(1), hash, TokenTable.scopes(rs.getString(2)),
                Instant.ofEpochMilli(rs.getLong(3)));
          }
        }
      }
      return Optional.ofNullable(token);
    });
    if (found.isPresent()) {
      try {
        jdbc.read(c -> {
          try (PreparedStatement ps = c.prepareStatement("UPDATE api_token SET last_used = ? "
              + "WHERE token_hash = ?")) {
            ps.setLong(1, now.toEpochMilli());
            ps.setString(2, hash);
            return ps.executeUpdate();
          }
        });
      } catch (StoreUnavailableException e) {
        // Last use is bookkeeping: a locked database must not refuse a valid token.
      }
    }
    return found;
  }

  @Override public List<ApiToken> tokens() {
    return TokenTable.all(jdbc);
  }

  @Override public boolean revokeToken(String name) {
    return TokenTable.delete(jdbc, name);
  }

  @Override public boolean ping() {
    try {
      return jdbc.read(c -> {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT 1")) {
          return rs.next();
        }
      });
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** The pooled connections, for tests of their settings. */
  Jdbc jdbc() {
    return jdbc;
  }

  @Override public String dialect() {
    return dialect.name();
  }

  @Override public void close() {
    dataSource.close();
    stop(housekeeper);
  }

  /** Stops the pool's housekeeping thread and waits (a little) until it has ended. */
  static void stop(java.util.concurrent.ExecutorService housekeeper) {
    housekeeper.shutdownNow();
    try {
      housekeeper.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override public boolean saveUser(AppUser user) {
    return UserTable.insert(jdbc, user);
  }

  @Override public Optional<AppUser> user(String name) {
    return UserTable.find(jdbc, name);
  }

  @Override public List<AppUser> users() {
    return UserTable.all(jdbc);
  }

  @Override public boolean setPasswordHash(String name, String passwordHash) {
    return UserTable.setPasswordHash(jdbc, name, passwordHash);
  }

  @Override public boolean removeUser(String name) {
    return UserTable.delete(jdbc, name);
  }

  @Override public boolean setUserDisabled(String name, Instant at) {
    return UserTable.setDisabled(jdbc, name, at);
  }

  @Override public void recordSpecClients(List<String> clients, Instant at) {
    UserTable.recordSpecClients(jdbc, clients, at);
  }

  @Override public Optional<List<String>> specClients() {
    return UserTable.specClients(jdbc);
  }

  @Override public boolean writable() {
    return WriteProbe.writable(jdbc, sqliteFile);
  }

  @Override public long outboxPending() {
    return OutboxTable.pending(jdbc);
  }

  @Override public boolean[] enqueueOutbox(List<OutboxMessage> messages) {
    return messages.isEmpty() ? new boolean[0] : OutboxTable.enqueue(jdbc, messages);
  }

  @Override public List<OutboxMessage> claimOutbox(String claimer, Instant now,
      Instant leaseUntil, int limit) {
    return OutboxTable.claim(jdbc, dialect, claimer, now, leaseUntil, limit);
  }

  @Override public int completeOutbox(String claimer, List<OutboxResult> results, Instant now) {
    return results.isEmpty() ? 0 : OutboxTable.complete(jdbc, claimer, results, now);
  }

  @Override public OutboxListing outbox(String status, String channel, int offset, int limit) {
    return OutboxTable.list(jdbc, status, channel, offset, limit);
  }

  @Override public List<OutboxCount> outboxCounts() {
    return OutboxTable.counts(jdbc);
  }

  @Override public Map<String, StoredAlert> openAlerts() {
    return AlertTable.open(jdbc);
  }

  @Override public void commitAlerts(List<StoredAlert> upserts, List<String> closed,
      List<AlertEvent> history) {
    AlertTable.commit(jdbc, upserts, closed, history);
  }

  @Override public Slice<AlertEvent> alertHistory(AlertQuery query, int offset, int limit) {
    return AlertTable.history(jdbc, query, offset, limit);
  }

  @Override public void markAlertEventsDelivered(List<Long> ids) {
    AlertTable.markDelivered(jdbc, ids);
  }

  @Override public boolean acquireLease(String name, String holder, Instant now,
      java.time.Duration ttl) {
    return LeaseTable.acquire(jdbc, name, holder, now, ttl);
  }

  @Override public void releaseLease(String name, String holder) {
    LeaseTable.release(jdbc, name, holder);
  }

  @Override public List<StoredAlertGroup> alertGroups(String key, Instant dueBy) {
    return AlertGroupTable.groups(jdbc, key, dueBy);
  }

  @Override public List<StoredAlertGroupMember> alertGroupMembers(String key, String id) {
    return AlertGroupTable.members(jdbc, key, id);
  }

  @Override public boolean saveAlertGroup(StoredAlertGroup group, boolean delete,
      List<StoredAlertGroupMember> members, List<String> removed, List<OutboxMessage> rows) {
    return AlertGroupTable.save(jdbc, group, delete, members, removed, rows);
  }

  @Override public long createIncident(String service, String client, String title, Instant at,
      String openedBy, List<String> slos, dev.nines.incident.Incident.Event first) {
    return IncidentTable.create(jdbc, service, client, title, at, openedBy, slos, first);
  }

  @Override public boolean addIncidentEvent(long id, dev.nines.incident.Incident.Event event,
      List<String> slos) {
    return IncidentTable.addEvent(jdbc, id, event, slos);
  }

  @Override public boolean resolveIncident(long id, Instant at, String author, String rootCause) {
    return IncidentTable.resolve(jdbc, id, at, author, rootCause);
  }

  @Override public boolean setRootCause(long id, Instant at, String author, String note) {
    return IncidentTable.setRootCause(jdbc, id, at, author, note);
  }

  @Override public Optional<dev.nines.incident.Incident> incident(long id) {
    return IncidentTable.one(jdbc, id);
  }

  @Override public Slice<dev.nines.incident.Incident> incidents(String client, String service,
      Boolean open, Instant from, Instant to, int offset, int limit) {
    return IncidentTable.list(jdbc, client, service, open, from, to, offset, limit);
  }

  @Override public long addMaintenance(dev.nines.maintenance.MaintenanceWindow window) {
    return MaintenanceTable.add(jdbc, window);
  }

  @Override public boolean deleteMaintenance(long id, Instant at) {
    return MaintenanceTable.delete(jdbc, id, at);
  }

  @Override public List<dev.nines.maintenance.MaintenanceWindow> maintenanceWindows() {
    return MaintenanceTable.all(jdbc);
  }

  @Override public long[] replaceMinuteBuckets(List<BucketReplacement> replacements) {
    return replacements.isEmpty() ? new long[0] : BucketRewrite.replace(jdbc, replacements);
  }

  @Override public void saveMaintenanceApplied(dev.nines.maintenance.AppliedHistory applied) {
    MaintenanceTable.saveApplied(jdbc, applied);
  }

  @Override public Optional<dev.nines.maintenance.AppliedHistory> maintenanceApplied(
      String service, Instant start, Instant end) {
    return MaintenanceTable.applied(jdbc, service, start, end);
  }

  @Override public void saveReport(StoredReport report) {
    ReportTable.save(jdbc, report);
  }

  @Override public List<StoredReport> reports(String client) {
    return ReportTable.list(jdbc, client);
  }

  @Override public Optional<StoredReport> report(String client, String period, String format) {
    return ReportTable.one(jdbc, client, period, format);
  }

  @Override public void saveUptimeDays(List<UptimeDay> days) {
    ReportTable.saveUptimeDays(jdbc, days);
  }

  @Override public List<UptimeDay> uptimeDays(String monitor, Instant from, Instant to) {
    return ReportTable.uptimeDays(jdbc, monitor, from, to);
  }

  @Override public Subscriber addSubscriber(String client, String email, String token,
      Instant now) {
    return SubscriberTable.add(jdbc, client, email, token, now);
  }

  @Override public Optional<Subscriber> subscriber(String token) {
    return SubscriberTable.byToken(jdbc, token);
  }

  @Override public boolean confirmSubscriber(String token, Instant now) {
    return SubscriberTable.set(jdbc, token, "confirmed_at", now);
  }

  @Override public boolean unsubscribe(String token, Instant now) {
    return SubscriberTable.set(jdbc, token, "unsubscribed_at", now);
  }

  @Override public List<Subscriber> subscribers(String client) {
    return SubscriberTable.active(jdbc, client);
  }
}
