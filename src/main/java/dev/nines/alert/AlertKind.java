package dev.nines.alert;

import dev.nines.model.Audience;
import java.util.Locale;

/**
 * What an alert watches, who it is for and how urgent it is by default. Internal kinds go
 * only to internal channels; {@link #SLO_VIOLATED} is the one notice a client receives
 * (besides resolved incidents), and only on the client's own channels.
 */
public enum AlertKind {
  /** The multi-window multi-burn-rate page or ticket of an SLO. */
  BURN_RATE(Audience.INTERNAL, "slo"),
  /** An SLO whose budget for the window is spent. */
  BUDGET_EXHAUSTED(Audience.INTERNAL, "slo"),
  /** A monitor whose quorum of regions says ERROR: real downtime. */
  MONITOR_DOWN(Audience.INTERNAL, "infrastructure"),
  /** One region says ERROR while the quorum does not: a regional incident, not downtime. */
  REGIONAL_INCIDENT(Audience.INTERNAL, "infrastructure"),
  /** A region that stopped reporting: its agent is silent, so its state is UNKNOWN. */
  REGION_SILENT(Audience.INTERNAL, "probe"),
  /** A TLS certificate that expires within the configured days. */
  CERTIFICATE_EXPIRING(Audience.INTERNAL, "infrastructure"),
  /** A client SLO whose error budget for the window is exhausted: the objective is missed. */
  SLO_VIOLATED(Audience.CLIENT, "client");

  private final Audience audience;
  private final String category;
  private final String id;

  AlertKind(Audience audience, String category) {
    this.audience = audience;
    this.category = category;
    this.id = name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Who the alert is for. */
  public Audience audience() {
    return audience;
  }

  /** The family shown in lists and labels: slo, infrastructure, probe or client. */
  public String category() {
    return category;
  }

  /** The spelling in the API, labels and the store: {@code burn-rate}, {@code monitor-down}. */
  public String id() {
    return id;
  }

  /** The kind spelled {@code id}. */
  public static AlertKind of(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
