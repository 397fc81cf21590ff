package dev.nines.store;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

  private final HikariDataSource dataSource;
  private final Dialect dialect;
  private final Jdbc jdbc;
  private final ObservationLog observations;

  JdbcStore(HikariDataSource dataSource, Dialect dialect) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.jdbc = new Jdbc(dataSource, dialect);
    this.observations = new ObservationLog(jdbc);
  }

  @Override public boolean[] commitIngest(List<IngestBatch> batches) {
    return jdbc.transaction(c -> {
      boolean[] fresh = new boolean[batches.size()];
      Map<List<Object>, long[]> minutes = new LinkedHashMap<>();
      Map<List<Object>, long[]> hours = new LinkedHashMap<>();
      Map<List<Object>, long[]> latency = new LinkedHashMap<>();
      long now = System.currentTimeMillis();
      try (PreparedStatement claim = c.prepareStatement(CLAIM_KEY)) {
        for (int i = 0; i < batches.size(); i++) {
          IngestBatch b = batches.get(i);
          if (b.idempotencyKey() != null) {
            claim.setString(1, b.idempotencyKey());
            claim.setLong(2, now);
            claim.setInt(3, b.events());
            if (claim.executeUpdate() == 0) {
              continue;
            }
          }
          fresh[i] = true;
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
      return fresh;
    });
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

  @Override public void appendAttempts(List<StoredAttempt> attempts) {
    AttemptLog.append(jdbc, attempts);
  }

  @Override public List<StoredAttempt> attempts(String monitor, Instant from, Instant to,
      int limit) {
    return AttemptLog.between(jdbc, monitor, from, to, limit);
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
    long minute = bucketsBefore.getEpochSecond() / 60;
    return jdbc.transaction(c -> {
      long n = 0;
      n += delete(c, "DELETE FROM probe_attempt WHERE started_at < ?", raw);
      n += delete(c, "DELETE FROM observation WHERE at < ?", raw);
      n += delete(c, "DELETE FROM ingest_batch WHERE received_at < ?", raw);
      n += delete(c, "DELETE FROM latency_minute WHERE minute < ?", raw / 60_000);
      n += delete(c, "DELETE FROM sli_minute WHERE minute < ?", minute);
      return n;
    });
  }

  private static long delete(Connection c, String sql, long before) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, before);
      return ps.executeUpdate();
    }
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
            token = new ApiToken(rs.getString(1), hash,
                Set.copyOf(Arrays.asList(rs.getString(2).split(","))),
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

  @Override public long outboxPending() {
    return UserTable.outboxPending(jdbc);
  }
}
