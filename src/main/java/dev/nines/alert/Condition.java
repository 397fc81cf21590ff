package dev.nines.alert;

import dev.nines.model.Audience;
import dev.nines.notify.Notification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One alert condition evaluated at one instant: what it watches, whether it holds now, and the
 * numbers that justify it. Its {@code fingerprint} is stable across evaluations and restarts
 * (kind, subject, severity, region), so the same condition is always the same alert.
 *
 * @param severity {@code page}, {@code ticket} or {@code notice} (client notices)
 * @param client the client the subject belongs to, or null
 * @param slo the SLO watched, or null
 * @param monitor the monitor watched, or null
 * @param region the region of a regional condition, or null
 * @param forDuration how long it must hold before it fires (pending until then)
 * @param link the console or portal path of the subject, e.g. {@code /console/slos/NAME}
 * @param labels Alertmanager labels, compatible with the generated Prometheus rules
 */
public record Condition(String fingerprint, AlertKind kind, String severity, String service,
    String client, String slo, String monitor, String region, boolean active,
    Duration forDuration, String title, String summary, List<Notification.Field> figures,
    String link, Map<String, String> labels) {

  public Condition {
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(forDuration, "forDuration");
    Objects.requireNonNull(title, "title");
    figures = List.copyOf(figures);
    labels = Map.copyOf(labels);
  }

  /** Who the alert is for. */
  public Audience audience() {
    return kind.audience();
  }

  /** The subject's name: the SLO, else the monitor. */
  public String subject() {
    return slo != null ? slo : monitor;
  }

  /** Fingerprints computed so far: every cycle asks again for the same few per subject. */
  private static final java.util.Map<Key, String> FINGERPRINTS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private record Key(AlertKind kind, String subject, String severity, String region) {}
  private static final int MAX_CACHED = 1_000_000;

  /**
   * A stable fingerprint of the parts that make a condition one alert: the first 16 hex digits
   * of the SHA-256 of {@code kind|subject|severity|region}.
   */
  public static String fingerprint(AlertKind kind, String subject, String severity,
      String region) {
    Key k = new Key(kind, subject, severity, region);
    String known = FINGERPRINTS.get(k);
    if (known != null) {
      return known;
    }
    String fp = hash(kind.id() + "|" + subject + "|" + severity + "|"
        + (region == null ? "" : region));
    if (FINGERPRINTS.size() < MAX_CACHED) {
      FINGERPRINTS.put(k, fp);
    }
    return fp;
  }

  private static String hash(String key) {
    try {
      byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(
          key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(d, 0, 8);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
