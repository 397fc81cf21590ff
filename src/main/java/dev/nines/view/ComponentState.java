package dev.nines.view;

import dev.nines.model.Severity;
import dev.nines.uptime.State;
import java.util.List;
import java.util.Locale;

/**
 * The state of a status-page component, as status pages name them, worst last. Derived from
 * the quorum states of its monitors and the burn-rate alerts of its SLOs by {@link #of}.
 */
public enum ComponentState {
  OPERATIONAL("Operational"),
  MAINTENANCE("Under maintenance"),
  DEGRADED("Degraded performance"),
  PARTIAL_OUTAGE("Partial outage"),
  MAJOR_OUTAGE("Major outage");

  private final String label;

  ComponentState(String label) {
    this.label = label;
  }

  /** What visitors read. */
  public String label() {
    return label;
  }

  /** The JSON spelling and CSS class: {@code operational}, {@code partial_outage}, ... */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * A component's state now.
   * <ul>
   *   <li>in planned maintenance: MAINTENANCE (checks in a window count as UNKNOWN anyway);
   *   <li>every monitor (at least one) at ERROR by quorum: MAJOR_OUTAGE;
   *   <li>some monitors at ERROR, or a page alert on one of its SLOs: PARTIAL_OUTAGE;
   *   <li>a ticket alert: DEGRADED;
   *   <li>else OPERATIONAL (an UNKNOWN monitor, one that cannot tell, is not an outage).
   * </ul>
   *
   * @param monitors the quorum state of each of its monitors now
   * @param alert the most urgent alert firing on its SLOs, or null
   */
  public static ComponentState of(List<State> monitors, Severity alert, boolean maintenance) {
    if (maintenance) {
      return MAINTENANCE;
    }
    long errors = monitors.stream().filter(s -> s == State.ERROR).count();
    if (errors > 0 && errors == monitors.size()) {
      return MAJOR_OUTAGE;
    }
    if (errors > 0 || alert == Severity.PAGE) {
      return PARTIAL_OUTAGE;
    }
    return alert == Severity.TICKET ? DEGRADED : OPERATIONAL;
  }

  /** The worse of two states. */
  public ComponentState worse(ComponentState o) {
    return o.ordinal() > ordinal() ? o : this;
  }
}
