package dev.nines.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NotificationJsonTest {

  @Test
  void aNotificationReadsBackEqualAttachmentsIncluded() {
    for (Notification n : new Notification[] {Samples.firing("a"), Samples.resolved("b"),
        Samples.notice("c", "acme"), Samples.report("d", "acme")}) {
      assertThat(NotificationJson.read(NotificationJson.write(n))).isEqualTo(n);
    }
  }

  @Test
  void theJsonHasTheDocumentedShape() {
    assertThat(NotificationJson.write(Samples.report("r1", "acme"))).isEqualTo("{"
        + "\"version\":1,\"key\":\"r1\",\"kind\":\"report\",\"audience\":\"client\","
        + "\"client\":\"acme\",\"status\":\"info\",\"severity\":\"info\","
        + "\"title\":\"Acme Logistics: SLO report for October 2026\","
        + "\"summary\":\"Your monthly SLO compliance report is attached.\","
        + "\"fields\":[{\"name\":\"SLOs met\",\"value\":\"5 of 6\"}],\"labels\":{},"
        + "\"link\":null,\"startsAt\":\"2026-11-18T10:20:00Z\",\"endsAt\":null,"
        + "\"attachments\":[{\"name\":\"acme-2026-10.pdf\",\"contentType\":\"application/pdf\","
        + "\"size\":20,\"data\":\"JVBERi0xLjcgdGVzdCByZXBvcnQ=\"}]}");
  }

  @Test
  void anotherVersionIsRefused() {
    assertThatThrownBy(() -> NotificationJson.read("{\"version\":2}"))
        .hasMessage("version: 2 is not supported. Expected 1");
  }
}
