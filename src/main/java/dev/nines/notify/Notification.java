package dev.nines.notify;

import dev.nines.model.Audience;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One message to people: an alert firing or resolved, a client notice, a report, a test.
 *
 * @param key stable deduplication key; the outbox keeps one row per key and channel
 * @param client the client it concerns, or null for internal messages
 * @param severity e.g. page, ticket, notice, info
 * @param labels Alertmanager labels: alertname, slo, service, severity, ...
 * @param link absolute URL of the console or portal page, or null
 * @param endsAt when it resolved, or null while firing
 */
public record Notification(String key, Kind kind, Audience audience, String client,
    Status status, String severity, String title, String summary, List<Field> fields,
    Map<String, String> labels, String link, Instant startsAt, Instant endsAt,
    List<Attachment> attachments) {

  /** What a notification is about. */
  public enum Kind { ALERT, CLIENT_NOTICE, REPORT, TEST }

  /** Whether it announces a problem, its end, or information. */
  public enum Status { FIRING, RESOLVED, INFO }

  /** One figure that justifies the message, e.g. ("Burn rate 1h", "14.9x (threshold 14.4x)"). */
  public record Field(String name, String value) {
    public Field {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }
  }

  /** A file sent along, e.g. a PDF report by email. */
  public record Attachment(String name, String contentType, byte[] bytes) {
    public Attachment {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(contentType, "contentType");
      bytes = bytes.clone();
    }

    @Override public byte[] bytes() {
      return bytes.clone();
    }
  }

  public Notification {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(audience, "audience");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(title, "title");
    fields = List.copyOf(fields);
    labels = Map.copyOf(labels);
    attachments = List.copyOf(attachments);
    if (audience == Audience.CLIENT && client == null) {
      throw new IllegalArgumentException("a client notification names no client. Expected the "
          + "client it is for");
    }
  }
}
