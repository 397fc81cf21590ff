package dev.nines.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.store.MinuteBucket;
import dev.nines.store.Store;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Event batches for examples/logistics.yaml whose minute buckets are worked out in advance,
 * so a fault test can assert the stored counts exactly. Event {@code j} of batch {@code i} is
 * of kind {@code (i + j) % 5} and falls in minute {@code newestMinute - (i * 7 + j) % spread}.
 */
final class KnownBatches {
  /** The SLIs the events count for. */
  static final List<String> SLIS = List.of("assign-courier-success", "assign-courier-latency",
      "fetch-orders-success");

  /** One batch: its Idempotency-Key, JSON body and event count. */
  record Batch(int index, String key, String body, int events) {}

  /** An event and the (good, valid) it adds to each SLI, in {@link #SLIS} order. */
  private record Kind(String endpoint, int status, long millis, int[] good, int[] valid) {}

  // Worked out from the spec: assign-courier-success is availability (good unless 5xx),
  // assign-courier-latency is "available and <= 300 ms", fetch-orders-success "<= 2 s".
  private static final List<Kind> KINDS = List.of(
      new Kind("/assign-courier", 200, 5, new int[] {1, 1, 0}, new int[] {1, 1, 0}),
      new Kind("/assign-courier", 500, 5, new int[] {0, 0, 0}, new int[] {1, 1, 0}),
      new Kind("/assign-courier", 201, 400, new int[] {1, 0, 0}, new int[] {1, 1, 0}),
      new Kind("/fetch-orders", 200, 2500, new int[] {0, 0, 0}, new int[] {0, 0, 1}),
      new Kind("/fetch-orders", 200, 100, new int[] {0, 0, 1}, new int[] {0, 0, 1}));

  private final List<Batch> batches = new ArrayList<>();
  private final List<Map<Long, long[]>> expected = new ArrayList<>();
  private final String keyPrefix;
  private final long newestMinute;
  private final int spread;

  /**
   * Builds {@code count} batches of {@code events} events each.
   *
   * @param spread how many minutes, back from {@code newestMinute}, the events spread over
   */
  KnownBatches(String keyPrefix, int count, int events, long newestMinute, int spread) {
    this.keyPrefix = keyPrefix;
    this.newestMinute = newestMinute;
    this.spread = spread;
    SLIS.forEach(s -> expected.add(new TreeMap<>()));
    for (int i = 0; i < count; i++) {
      StringBuilder b = new StringBuilder("[");
      for (int j = 0; j < events; j++) {
        Kind k = KINDS.get((i + j) % KINDS.size());
        long minute = newestMinute - (i * 7L + j) % spread;
        b.append(j == 0 ? "" : ",").append("{\"service\":\"platform\",\"endpoint\":\"")
            .append(k.endpoint()).append("\",\"status\":").append(k.status())
            .append(",\"durationMs\":").append(k.millis()).append(",\"time\":")
            .append(minute * 60_000 + j % 60_000).append('}');
        for (int s = 0; s < SLIS.size(); s++) {
          if (k.valid()[s] > 0) {
            long[] sums = expected.get(s).computeIfAbsent(minute, m -> new long[2]);
            sums[0] += k.good()[s];
            sums[1] += k.valid()[s];
          }
        }
      }
      batches.add(new Batch(i, keyPrefix + "-" + i, b.append(']').toString(), events));
    }
  }

  List<Batch> batches() {
    return batches;
  }

  /** Every event of every batch. */
  long events() {
    return batches.stream().mapToLong(Batch::events).sum();
  }

  /** The first minute any event falls in. */
  long fromMinute() {
    return newestMinute - spread + 1;
  }

  /** The minute after the last one any event falls in. */
  long toMinute() {
    return newestMinute + 1;
  }

  /** The minute buckets of {@code sli} when every batch is counted exactly once. */
  List<MinuteBucket> expected(String sli) {
    List<MinuteBucket> out = new ArrayList<>();
    expected.get(SLIS.indexOf(sli)).forEach((m, s) -> out.add(new MinuteBucket(m, s[0], s[1])));
    return out;
  }

  /**
   * Asserts that {@code store} holds every batch counted exactly once: each SLI's minute
   * buckets are the expected ones, and the database at {@code jdbcUrl} (the same store) keeps
   * one idempotency key per batch with its event count.
   */
  void assertEachCountedOnce(Store store, String jdbcUrl) throws SQLException {
    for (String sli : SLIS) {
      assertThat(store.minuteBuckets(sli, fromMinute(), toMinute())).as(sli)
          .containsExactlyElementsOf(expected(sli));
    }
    try (Connection c = DriverManager.getConnection(jdbcUrl);
        PreparedStatement ps = c.prepareStatement("SELECT COUNT(*), SUM(events) FROM "
            + "ingest_batch WHERE idempotency_key LIKE ?")) {
      ps.setString(1, keyPrefix + "-%");
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        assertThat(rs.getLong(1)).as("batches kept").isEqualTo(batches.size());
        assertThat(rs.getLong(2)).as("events kept").isEqualTo(events());
      }
    }
  }
}
