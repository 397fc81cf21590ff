package dev.nines.view;

import dev.nines.alert.AlertState;
import dev.nines.store.AlertEvent;
import dev.nines.store.AlertQuery;
import dev.nines.store.Store;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The alerts of one SLO or monitor: those open now (firing first) and its latest changes, for
 * the alert section of its page.
 */
public record SubjectAlerts(List<AlertState> open, List<AlertEvent> recent) {
  /** How many recent changes a page shows. */
  public static final int RECENT = 10;

  public SubjectAlerts {
    open = List.copyOf(open);
    recent = List.copyOf(recent);
  }

  /** The alerts of {@code subject} (an SLO or monitor name) among {@code open}, and its history. */
  public static SubjectAlerts of(String subject, Map<String, AlertState> open, Store store) {
    List<AlertState> mine = open.values().stream()
        .filter(a -> subject.equals(a.condition().subject()))
        .sorted(Comparator.comparing((AlertState a) -> a.status() != AlertState.Status.FIRING)
            .thenComparing(AlertState::activeSince)).toList();
    List<AlertEvent> recent = store.alertHistory(new AlertQuery(null, null, null, null, null,
        subject, null, null, null, null), 0, RECENT).items();
    return new SubjectAlerts(mine, recent);
  }
}
