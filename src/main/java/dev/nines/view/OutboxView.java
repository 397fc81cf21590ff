package dev.nines.view;

import dev.nines.store.OutboxCount;
import dev.nines.store.OutboxListing;
import dev.nines.store.OutboxMessage;
import dev.nines.store.Store;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One page of the outbox for the console and the API: the rows of a status and a channel
 * (either may be null for all), newest first, with how many rows each status has and the
 * channels that have any.
 *
 * @param byStatus rows per status over all channels, pending, delivered, failed in that order
 */
public record OutboxView(Page<OutboxMessage> page, String status, String channel,
    Map<String, Long> byStatus, List<String> channels) {
  /** The statuses in the order pages show them. */
  public static final List<String> STATUSES = List.of(OutboxMessage.PENDING,
      OutboxMessage.DELIVERED, OutboxMessage.FAILED);

  public OutboxView {
    byStatus = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byStatus));
    channels = List.copyOf(channels);
  }

  /**
   * Reads one page.
   *
   * @param status {@code pending}, {@code delivered}, {@code failed}, or null or blank for all
   * @throws IllegalArgumentException naming the parameter when one is out of range
   */
  public static OutboxView load(Store store, String status, String channel, int page, int size) {
    String s = status == null || status.isBlank() ? null : status.strip();
    if (s != null && !STATUSES.contains(s)) {
      throw new IllegalArgumentException("status: '" + status + "' is not a notification "
          + "status. Expected pending, delivered or failed");
    }
    String c = channel == null || channel.isBlank() ? null : channel.strip();
    Page.check(page, size);
    OutboxListing rows = store.outbox(s, c, (int) Math.min(Integer.MAX_VALUE,
        (long) (page - 1) * size), size);
    Map<String, Long> byStatus = new LinkedHashMap<>();
    STATUSES.forEach(x -> byStatus.put(x, 0L));
    TreeSet<String> channels = new TreeSet<>();
    for (OutboxCount n : store.outboxCounts()) {
      byStatus.merge(n.status(), n.count(), Long::sum);
      channels.add(n.channel());
    }
    return new OutboxView(new Page<>(rows.messages(), page, size, rows.total()), s, c, byStatus,
        List.copyOf(channels));
  }

  /** Rows in every status. */
  public long all() {
    return byStatus.values().stream().mapToLong(Long::longValue).sum();
  }
}
