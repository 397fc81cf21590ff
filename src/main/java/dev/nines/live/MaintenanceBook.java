package dev.nines.live;

import dev.nines.maintenance.AppliedHistory;
import dev.nines.maintenance.MaintenanceCalendar;
import dev.nines.maintenance.MaintenanceWindow;
import dev.nines.model.Spec;
import dev.nines.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The maintenance windows in force, the spec's and those added through the API: adds and
 * deletes windows in the store and publishes a new {@link MaintenanceCalendar} at once, which
 * states, SLO windows, alerts and screens read. A window added or deleted after its start, here
 * or by a spec reload, is then applied to the stored history by {@link MaintenanceHistory}.
 */
public final class MaintenanceBook implements Supplier<MaintenanceCalendar> {
  private static final Logger LOG = LoggerFactory.getLogger(MaintenanceBook.class);
  /** How far back a spec reload looks for windows it added or removed: the bucket retention. */
  static final Duration RELOAD_HORIZON = Duration.ofDays(400);

  private final Store store;
  private final Clock clock;
  private volatile MaintenanceCalendar calendar;
  private volatile Spec spec;
  private volatile MaintenanceHistory history;
  /** Serialises changes of the calendar with their application to the history, in order. */
  private final Object changes = new Object();

  /**
   * A window added or deleted and what it did to the stored history.
   *
   * @param applied what was applied for a window that had started, else null
   * @param notApplied why a started window could not be applied (the store failed), else null
   */
  public record Change(MaintenanceWindow window, AppliedHistory applied, String notApplied) {}

  public MaintenanceBook(Spec spec, Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
    this.spec = spec;
    this.calendar = MaintenanceCalendar.of(spec, store.maintenanceWindows());
  }

  @Override public MaintenanceCalendar get() {
    return calendar;
  }

  /** Applies windows added or deleted after their start to the stored history from now on. */
  public void applyHistoryWith(MaintenanceHistory h) {
    this.history = h;
  }

  /**
   * Puts a new spec's windows in force, keeping the stored ones, and applies the spec windows
   * it added or removed that had started (within {@link #RELOAD_HORIZON}) to the history.
   *
   * @return what was applied, by window
   */
  public List<AppliedHistory> reload(Spec next) throws InterruptedException {
    synchronized (changes) {
      MaintenanceCalendar before;
      MaintenanceCalendar after;
      synchronized (this) {
        spec = next;
        before = calendar;
        after = MaintenanceCalendar.of(next, before.stored());
        calendar = after;
      }
      Instant now = clock.instant();
      List<MaintenanceHistory.Changed> changed = new ArrayList<>();
      Set<List<Object>> old = keys(before.between(now.minus(RELOAD_HORIZON), now));
      Set<List<Object>> fresh = keys(after.between(now.minus(RELOAD_HORIZON), now));
      for (MaintenanceWindow w : after.between(now.minus(RELOAD_HORIZON), now)) {
        if (!old.contains(key(w))) {
          changed.add(new MaintenanceHistory.Changed(w, AppliedHistory.Change.ADDED));
        }
      }
      for (MaintenanceWindow w : before.between(now.minus(RELOAD_HORIZON), now)) {
        if (!fresh.contains(key(w))) {
          changed.add(new MaintenanceHistory.Changed(w, AppliedHistory.Change.DELETED));
        }
      }
      MaintenanceHistory h = history;
      if (h == null || changed.isEmpty()) {
        return List.of();
      }
      try {
        return h.apply(next, after, changed);
      } catch (RuntimeException e) {
        // The spec is in force; only its past windows' effect on the stored history is missing.
        LOG.warn("{} maintenance windows the spec added or removed in the past are not applied "
            + "to the stored history: {}", changed.size(), e.getMessage());
        return List.of();
      }
    }
  }

  private static Set<List<Object>> keys(List<MaintenanceWindow> windows) {
    Set<List<Object>> out = new HashSet<>();
    windows.forEach(w -> out.add(key(w)));
    return out;
  }

  private static List<Object> key(MaintenanceWindow w) {
    return List.of(w.service(), w.start(), w.end());
  }

  /**
   * Adds a window of {@code service} over [start, end).
   *
   * @throws IllegalArgumentException naming the field that is wrong: an unknown service, an
   *     end not after the start, a window longer than 31 days
   */
  public Change add(String service, Instant start, Instant end, String reason, String author) {
    synchronized (changes) {
      MaintenanceWindow w = store(service, start, end, reason, author);
      return applied(w, AppliedHistory.Change.ADDED);
    }
  }

  private synchronized MaintenanceWindow store(String service, Instant start, Instant end,
      String reason, String author) {
    if (spec.service(service) == null) {
      throw new IllegalArgumentException("service: unknown service '" + service + "'. Expected "
          + "one of the spec");
    }
    if (start == null || end == null || !start.isBefore(end)) {
      throw new IllegalArgumentException("end: " + end + " is not after start " + start
          + ". Expected start < end");
    }
    if (java.time.Duration.between(start, end).compareTo(java.time.Duration.ofDays(31)) > 0) {
      throw new IllegalArgumentException("end: the window is longer than 31 days. Expected a "
          + "planned window of hours or days");
    }
    MaintenanceWindow w = new MaintenanceWindow(0, service, start, end,
        reason == null || reason.isBlank() ? null : reason.strip(), MaintenanceWindow.Source.API,
        clock.instant(), author);
    long id = store.addMaintenance(w);
    calendar = calendar.withStored(store.maintenanceWindows());
    return new MaintenanceWindow(id, w.service(), w.start(), w.end(), w.reason(), w.source(),
        w.createdAt(), w.createdBy());
  }

  /** Deletes a stored window; false when there is no such one. */
  public boolean delete(long id) {
    return remove(id) != null;
  }

  /** Deletes a stored window and applies that to the history; null when there is no such one. */
  public Change remove(long id) {
    synchronized (changes) {
      MaintenanceWindow w = unstore(id);
      return w == null ? null : applied(w, AppliedHistory.Change.DELETED);
    }
  }

  private synchronized MaintenanceWindow unstore(long id) {
    MaintenanceWindow w = store.maintenanceWindows().stream().filter(x -> x.id() == id)
        .findFirst().orElse(null);
    if (w == null || !store.deleteMaintenance(id, clock.instant())) {
      return null;
    }
    calendar = calendar.withStored(store.maintenanceWindows());
    return w;
  }

  /** Applies a change of the calendar in force to the history, when it reaches the past. */
  private Change applied(MaintenanceWindow w, AppliedHistory.Change change) {
    MaintenanceHistory h = history;
    if (h == null || !w.start().isBefore(clock.instant())) {
      return new Change(w, null, null);
    }
    try {
      List<AppliedHistory> done = h.apply(spec, calendar,
          List.of(new MaintenanceHistory.Changed(w, change)));
      return new Change(w, done.isEmpty() ? null : done.get(0), null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Change(w, null, "interrupted before the history was rewritten");
    } catch (RuntimeException e) {
      LOG.warn("maintenance of {} from {} to {} is {} but not applied to the stored history: {}",
          w.service(), w.start(), w.end(), change == AppliedHistory.Change.ADDED ? "added"
          : "deleted", e.getMessage());
      return new Change(w, null, e.getMessage());
    }
  }

  /** The latest record of {@code w} applied to the stored history, if any. */
  public java.util.Optional<AppliedHistory> applied(MaintenanceWindow w) {
    try {
      return store.maintenanceApplied(w.service(), w.start(), w.end());
    } catch (RuntimeException e) {
      return java.util.Optional.empty();
    }
  }

  /** Every window overlapping [from, to), spec and stored. */
  public List<MaintenanceWindow> between(Instant from, Instant to) {
    return calendar.between(from, to);
  }
}
