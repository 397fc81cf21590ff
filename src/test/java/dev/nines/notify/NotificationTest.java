package dev.nines.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nines.model.Audience;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotificationTest {
  private static final Instant T = Instant.parse("2026-11-18T10:30:00Z");

  private static Notification of(Notification.Kind kind, Audience audience, String client,
      Notification.Status status, String title, String link, Instant endsAt) {
    return new Notification("k", kind, audience, client, status, "page", title, null, null,
        null, link, T, endsAt, null);
  }

  @Test
  void anAlertIsForTheTeamOnly() {
    assertThatThrownBy(() -> of(Notification.Kind.ALERT, Audience.CLIENT, "acme",
        Notification.Status.FIRING, "t", null, null))
        .hasMessage("audience: CLIENT for an alert. Expected INTERNAL: alerts are for the team");
  }

  @Test
  void aClientMessageNamesItsClient() {
    assertThatThrownBy(() -> of(Notification.Kind.REPORT, Audience.CLIENT, null,
        Notification.Status.INFO, "t", null, null))
        .hasMessage("client: missing for a client message. Expected the name of the client it "
            + "goes to");
  }

  @Test
  void aTitleIsOneLine() {
    assertThatThrownBy(() -> of(Notification.Kind.TEST, Audience.INTERNAL, null,
        Notification.Status.INFO, "two\nlines", null, null))
        .hasMessage("title: 'two\nlines' is not one line. Expected a non-empty title without "
            + "line breaks");
  }

  @Test
  void aLinkIsAnAbsoluteUrl() {
    assertThatThrownBy(() -> of(Notification.Kind.TEST, Audience.INTERNAL, null,
        Notification.Status.INFO, "t", "/console/slos/x", null))
        .hasMessage("link: '/console/slos/x' is not an absolute URL. Expected http(s)://HOST/...");
  }

  @Test
  void aFiringMessageHasNoEndAndAResolvedOneHasOne() {
    assertThatThrownBy(() -> of(Notification.Kind.ALERT, Audience.INTERNAL, null,
        Notification.Status.FIRING, "t", null, T.plusSeconds(1)))
        .hasMessage("endsAt: 2026-11-18T10:30:01Z on a firing message. Expected none until it "
            + "is resolved");
    assertThatThrownBy(() -> of(Notification.Kind.ALERT, Audience.INTERNAL, null,
        Notification.Status.RESOLVED, "t", null, null))
        .hasMessage("endsAt: missing on a resolved message. Expected when it ended");
    assertThatThrownBy(() -> of(Notification.Kind.ALERT, Audience.INTERNAL, null,
        Notification.Status.RESOLVED, "t", null, T.minusSeconds(1)))
        .hasMessage("endsAt: 2026-11-18T10:29:59Z is before startsAt 2026-11-18T10:30:00Z. "
            + "Expected startsAt <= endsAt");
  }

  @Test
  void collectionsAreCopiedAndLabelsSorted() {
    List<Notification.Field> fields = new ArrayList<>(List.of(new Notification.Field("a", "1")));
    Map<String, String> labels = new java.util.HashMap<>(Map.of("slo", "x", "alertname", "A"));
    Notification n = new Notification("k", Notification.Kind.TEST, Audience.INTERNAL, null,
        Notification.Status.INFO, "info", "t", null, fields, labels, null, T, null, null);
    fields.add(new Notification.Field("b", "2"));
    labels.put("zzz", "1");
    assertThat(n.fields()).hasSize(1);
    assertThat(n.labels().keySet()).containsExactly("alertname", "slo");
    assertThat(n.summary()).isEmpty();
    assertThat(n.attachments()).isEmpty();
  }

  @Test
  void attachmentsKeepTheirOwnCopyOfTheBytesAndCompareByContent() {
    byte[] bytes = {1, 2, 3};
    Notification.Attachment a = new Notification.Attachment("r.pdf", "application/pdf", bytes);
    bytes[0] = 9;
    assertThat(a.bytes()).containsExactly(1, 2, 3);
    assertThat(a).isEqualTo(new Notification.Attachment("r.pdf", "application/pdf",
        new byte[] {1, 2, 3}));
    assertThatThrownBy(() -> new Notification.Attachment("../r.pdf", "application/pdf", bytes))
        .hasMessage("attachment name: '../r.pdf' is not a file name. Expected a name without "
            + "slashes, e.g. report.pdf");
  }
}
