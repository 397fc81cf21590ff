package dev.nines.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sends since the process started, per channel and outcome: {@code delivered} (the receiver
 * took it), {@code retry} (it failed and will be tried again), {@code failed} (it failed and
 * was given up). Their sum is the number of sends tried. For
 * {@code nines_notifications_sent_total}.
 */
public final class SendCounters {
  /** The outcomes, in the order they are exposed. */
  public static final List<String> OUTCOMES = List.of("delivered", "retry", "failed");

  private final Map<String, LongAdder[]> byChannel = new ConcurrentHashMap<>();

  /** One value of the counters. */
  public record Count(String channel, String outcome, long value) {}

  void add(String channel, String outcome) {
    int i = OUTCOMES.indexOf(outcome);
    if (i < 0) {
      throw new IllegalArgumentException("outcome: '" + outcome + "'. Expected one of "
          + OUTCOMES);
    }
    byChannel.computeIfAbsent(channel, c -> {
      LongAdder[] a = new LongAdder[OUTCOMES.size()];
      for (int j = 0; j < a.length; j++) {
        a[j] = new LongAdder();
      }
      return a;
    })[i].increment();
  }

  /** Every channel sent to so far, by name, with each outcome (zeros included). */
  public List<Count> snapshot() {
    List<Count> out = new ArrayList<>();
    new TreeMap<>(byChannel).forEach((channel, adders) -> {
      for (int i = 0; i < adders.length; i++) {
        out.add(new Count(channel, OUTCOMES.get(i), adders[i].sum()));
      }
    });
    return out;
  }
}
