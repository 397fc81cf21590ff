package dev.nines.demo;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * The faults the demo can play on its platform, with how long each lasts in simulated time
 * (divided by {@code --speed} in real time).
 */
public enum Fault {
  COURIER_ERRORS("courier-errors", Duration.ofMinutes(10), "/assign-courier fails for 5 % of "
      + "requests (the courier partner times out), worsening to 20 % towards the end"),
  APP_DOWN("app-down", Duration.ofMinutes(2), "the app is down: the L7 proxy answers 502, the "
      + "CDN keeps serving its cached pages"),
  REGION_NETWORK("region-network", Duration.ofMinutes(5), "one probe region loses its network: "
      + "it goes silent (UNKNOWN), which is not downtime"),
  TRACKING_LAG("tracking-lag", Duration.ofMinutes(8), "the courier partner's status feed falls "
      + "6 to 9 minutes behind, beyond the 5-minute freshness objective"),
  SLOW_SHOP("slow-shop", Duration.ofMinutes(5), "the shop answers in 2.4 to 3.6 s, so "
      + "/fetch-orders exceeds its 2 s objective"),
  CERT_EXPIRY("cert-expiry", Duration.ofMinutes(10), "the CDN's HTTPS certificate is replaced "
      + "by one that expires in 5 days");

  private final String id;
  private final Duration duration;
  private final String description;

  Fault(String id, Duration duration, String description) {
    this.id = id;
    this.duration = duration;
    this.description = description;
  }

  /** The name used on the command line and in the control API, e.g. {@code app-down}. */
  public String id() {
    return id;
  }

  /** How long it lasts in simulated time. */
  public Duration duration() {
    return duration;
  }

  public String description() {
    return description;
  }

  /** The fault called {@code id}, if any. */
  public static Optional<Fault> of(String id) {
    return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst();
  }

  /** Every fault name, for messages. */
  public static String names() {
    return String.join(", ", Arrays.stream(values()).map(Fault::id).toList());
  }
}
