package dev.nines.notify;

import dev.nines.model.Audience;
import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One message to people: an alert firing or resolved, a client notice, a report, a test. The
 * outbox keeps one row per {@code (key, channel)}, so a message sent twice under one key
 * reaches each channel once; a firing alert and its resolution need two keys.
 *
 * @param key stable deduplication key, at most {@link #MAX_KEY_LENGTH} characters
 * @param client the client the message concerns: required for a client message; an internal
 *     message may name one too (an alert on that client's SLO), or null
 * @param severity e.g. {@code page}, {@code ticket}, {@code info}
 * @param title one line
 * @param summary plain text, may have several paragraphs; empty when there is nothing to add
 * @param fields ordered figures, e.g. ("Burn rate 1h", "14.9x (threshold 14.4x)")
 * @param labels Alertmanager labels (alertname, slo, service, severity, ...), sorted by name
 * @param link absolute http(s) URL of the console or portal page, or null
 * @param endsAt when a resolved alert ended; null while firing
 * @param alerts the alerts of a group message ({@link AlertGroups}), each one alert's own
 *     message, firing ones first; empty for a message about one thing
 */
public record Notification(String key, Kind kind, Audience audience, String client,
    Status status, String severity, String title, String summary, List<Field> fields,
    Map<String, String> labels, String link, Instant startsAt, Instant endsAt,
    List<Attachment> attachments, List<Notification> alerts) {

  /** A message about one thing, not a group. */
  public Notification(String key, Kind kind, Audience audience, String client, Status status,
      String severity, String title, String summary, List<Field> fields,
      Map<String, String> labels, String link, Instant startsAt, Instant endsAt,
      List<Attachment> attachments) {
    this(key, kind, audience, client, status, severity, title, summary, fields, labels, link,
        startsAt, endsAt, attachments, List.of());
  }

  /** Whether this is the message of a group of alerts. */
  public boolean group() {
    return !alerts.isEmpty();
  }

  /** Longest key the outbox stores. */
  public static final int MAX_KEY_LENGTH = 500;

  /** What a message is about. */
  public enum Kind {
    /** A burn-rate alert, for the team only. */
    ALERT,
    /** A notice to a client, e.g. an SLO violation. */
    CLIENT_NOTICE,
    /** A report, e.g. the monthly compliance PDF. */
    REPORT,
    /** A test message from {@code nines notify test}. */
    TEST,
    /** A status-page message to one subscriber's own address (confirmation, incident, maintenance). */
    STATUS;

    /** The JSON and store spelling: {@code alert}, {@code client_notice}, ... */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The kind of a JSON or store spelling. */
    public static Kind of(String id) {
      return Enum.valueOf(Kind.class, id.toUpperCase(Locale.ROOT));
    }
  }

  /** The state a message reports. */
  public enum Status {
    FIRING, RESOLVED, INFO;

    /** The JSON spelling: {@code firing}, {@code resolved}, {@code info}. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Status of(String id) {
      return Enum.valueOf(Status.class, id.toUpperCase(Locale.ROOT));
    }
  }

  /** One named figure, shown in order. */
  public record Field(String name, String value) {
    public Field {
      Objects.requireNonNull(name, "field name");
      Objects.requireNonNull(value, "field value");
    }
  }

  /** A file sent along, e.g. a PDF report; email carries it as an attachment. */
  public record Attachment(String name, String contentType, byte[] bytes) {
    public Attachment {
      if (name == null || name.isBlank() || name.contains("/") || name.contains("\\")) {
        throw new IllegalArgumentException("attachment name: '" + name + "' is not a file name. "
            + "Expected a name without slashes, e.g. report.pdf");
      }
      Objects.requireNonNull(contentType, "attachment content type");
      bytes = bytes.clone();
    }

    @Override public byte[] bytes() {
      return bytes.clone();
    }

    @Override public boolean equals(Object o) {
      return o instanceof Attachment a && a.name.equals(name) && a.contentType.equals(contentType)
          && Arrays.equals(a.bytes, bytes);
    }

    @Override public int hashCode() {
      return Objects.hash(name, contentType, Arrays.hashCode(bytes));
    }

    @Override public String toString() {
      return "Attachment[" + name + ", " + contentType + ", " + bytes.length + " bytes]";
    }
  }

  public Notification {
    if (key == null || key.isBlank() || key.length() > MAX_KEY_LENGTH) {
      throw new IllegalArgumentException("key: '" + key + "' is not a key. Expected 1 to "
          + MAX_KEY_LENGTH + " characters");
    }
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(audience, "audience");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(startsAt, "startsAt");
    if (kind == Kind.ALERT && audience != Audience.INTERNAL) {
      throw new IllegalArgumentException("audience: " + audience + " for an alert. Expected "
          + "INTERNAL: alerts are for the team");
    }
    if (kind == Kind.CLIENT_NOTICE && audience != Audience.CLIENT) {
      throw new IllegalArgumentException("audience: " + audience + " for a client notice. "
          + "Expected CLIENT");
    }
    if (audience == Audience.CLIENT && (client == null || client.isBlank())) {
      throw new IllegalArgumentException("client: missing for a client message. Expected the "
          + "name of the client it goes to");
    }
    if (severity == null || severity.isBlank()) {
      throw new IllegalArgumentException("severity: missing. Expected e.g. page, ticket or info");
    }
    if (title == null || title.isBlank() || title.contains("\n") || title.contains("\r")) {
      throw new IllegalArgumentException("title: '" + title + "' is not one line. Expected a "
          + "non-empty title without line breaks");
    }
    summary = summary == null ? "" : summary;
    fields = fields == null ? List.of() : List.copyOf(fields);
    labels = labels == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(labels));
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
    alerts = alerts == null ? List.of() : List.copyOf(alerts);
    if (alerts.stream().anyMatch(Notification::group)) {
      throw new IllegalArgumentException("alerts: a group inside a group. Expected the "
          + "messages of single alerts");
    }
    if (link != null && !absoluteHttp(link)) {
      throw new IllegalArgumentException("link: '" + link + "' is not an absolute URL. Expected "
          + "http(s)://HOST/...");
    }
    if (status == Status.FIRING && endsAt != null) {
      throw new IllegalArgumentException("endsAt: " + endsAt + " on a firing message. Expected "
          + "none until it is resolved");
    }
    if (status == Status.RESOLVED && endsAt == null) {
      throw new IllegalArgumentException("endsAt: missing on a resolved message. Expected when "
          + "it ended");
    }
    if (endsAt != null && endsAt.isBefore(startsAt)) {
      throw new IllegalArgumentException("endsAt: " + endsAt + " is before startsAt " + startsAt
          + ". Expected startsAt <= endsAt");
    }
  }

  private static boolean absoluteHttp(String link) {
    try {
      URI u = URI.create(link);
      return u.getHost() != null && ("http".equals(u.getScheme()) || "https".equals(u.getScheme()));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * The message {@code nines notify test} sends: kind TEST, status INFO, severity info, with
   * the labels an Alertmanager needs ({@code alertname=NinesTest}, {@code slo},
   * {@code service}); it ends five minutes after {@code now}, so an Alertmanager shows it
   * that long and then resolves it.
   */
  public static Notification test(String channel, Audience audience, String client,
      Instant now) {
    return new Notification("test:" + channel + ":" + now.toEpochMilli(), Kind.TEST, audience,
        client, Status.INFO, "info", "Nines test notification for channel " + channel,
        "This is a test message sent by `nines notify test`. If you can read it, the channel "
            + channel + " works.",
        List.of(new Field("Channel", channel), new Field("Sent at", now.toString())),
        Map.of("alertname", "NinesTest", "severity", "info", "slo", "nines-test",
            "service", "nines", "channel", channel),
        null, now, now.plus(TEST_LIFETIME), List.of());
  }

  /** How long a test message stays active in an Alertmanager. */
  static final java.time.Duration TEST_LIFETIME = java.time.Duration.ofMinutes(5);
}
