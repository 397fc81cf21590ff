package dev.nines.live;

import dev.nines.maintenance.MaintenanceCalendar;
import dev.nines.maintenance.MaintenanceWindow;
import dev.nines.model.Spec;
import dev.nines.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * The maintenance windows in force, the spec's and those added through the API: adds and
 * deletes windows in the store and publishes a new {@link MaintenanceCalendar} at once, which
 * states, SLO windows, alerts and screens read.
 */
public final class MaintenanceBook implements Supplier<MaintenanceCalendar> {
  private final Store store;
  private final Clock clock;
  private volatile MaintenanceCalendar calendar;
  private volatile Spec spec;

  public MaintenanceBook(Spec spec, Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
    this.spec = spec;
    this.calendar = MaintenanceCalendar.of(spec, store.maintenanceWindows());
  }

  @Override public MaintenanceCalendar get() {
    return calendar;
  }

  /** Puts a new spec's windows in force, keeping the stored ones. */
  public synchronized void reload(Spec next) {
    spec = next;
    calendar = MaintenanceCalendar.of(next, calendar.stored());
  }

  /**
   * Adds a window of {@code service} over [start, end).
   *
   * @throws IllegalArgumentException naming the field that is wrong: an unknown service, an
   *     end not after the start, a window longer than 31 days
   */
  public synchronized MaintenanceWindow add(String service, Instant start, Instant end,
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
  public synchronized boolean delete(long id) {
    boolean deleted = store.deleteMaintenance(id, clock.instant());
    if (deleted) {
      calendar = calendar.withStored(store.maintenanceWindows());
    }
    return deleted;
  }

  /** Every window overlapping [from, to), spec and stored. */
  public List<MaintenanceWindow> between(Instant from, Instant to) {
    return calendar.between(from, to);
  }
}
