package dev.nines.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nines.model.Audience;
import dev.nines.model.ChannelSpec;
import dev.nines.testing.FakeClock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SlackChannelTest {
  private final Receiver receiver = new Receiver();

  @AfterEach
  void stop() {
    receiver.close();
  }

  private JsonNode sent(Notification n) throws Exception {
    Channel c = new Channels(() -> null, new Secrets(Map.of("SLACK",
        receiver.url("/services/T0/B0/xyz"))::get), HttpPost.defaultClient(), new FakeClock())
        .create(new ChannelSpec("team-chat", "slack", Audience.INTERNAL, null,
            Map.of("url", "env:SLACK")));
    c.send(n);
    List<Receiver.Request> r = receiver.requests();
    assertThat(r).hasSize(1);
    assertThat(r.get(0).path()).isEqualTo("/services/T0/B0/xyz");
    return NotificationJson.MAPPER.readTree(r.get(0).body());
  }

  @Test
  void aFiringAlertIsAHeaderASummaryTheFiguresAndAButtonInRed() throws Exception {
    JsonNode m = sent(Samples.firing("k1"));
    assertThat(m.get("text").asText())
        .isEqualTo("[FIRING] assign-courier-success is burning its budget");
    JsonNode blocks = m.get("blocks");
    assertThat(blocks.findValuesAsText("type")).startsWith("header");
    assertThat(blocks.get(0).at("/text/text").asText())
        .isEqualTo("assign-courier-success is burning its budget");
    assertThat(blocks.get(1).at("/text/type").asText()).isEqualTo("mrkdwn");
    assertThat(blocks.get(1).at("/text/text").asText()).startsWith("At this pace the 30-day");
    JsonNode fields = blocks.get(2).get("fields");
    assertThat(fields).hasSize(3);
    assertThat(fields.get(0).get("text").asText()).isEqualTo("*Burn rate 1h*\n14.9x "
        + "(threshold 14.4x)");
    assertThat(blocks.get(3).get("type").asText()).isEqualTo("actions");
    assertThat(blocks.get(3).at("/elements/0/url").asText()).isEqualTo(Samples.LINK);
    assertThat(m.at("/attachments/0/color").asText()).isEqualTo("#d0312d");
    assertThat(m.at("/attachments/0/blocks/0/elements/0/text").asText())
        .isEqualTo("FIRING · page · since 2026-11-18 10:20 UTC");
  }

  @Test
  void aResolvedAlertIsGreen() throws Exception {
    JsonNode m = sent(Samples.resolved("k1"));
    assertThat(m.get("text").asText()).startsWith("[RESOLVED] ");
    assertThat(m.at("/attachments/0/color").asText()).isEqualTo("#2eb67d");
    assertThat(m.at("/attachments/0/blocks/0/elements/0/text").asText())
        .isEqualTo("RESOLVED · page · 2026-11-18 10:20 UTC to 2026-11-18 10:30 UTC");
  }

  @Test
  void slackControlCharactersAreEscapedAndMoreThanTenFiguresSpanSections() throws Exception {
    List<Notification.Field> many = new java.util.ArrayList<>();
    for (int i = 1; i <= 12; i++) {
      many.add(new Notification.Field("f" + i, "<" + i + "> & co"));
    }
    Notification n = new Notification("k", Notification.Kind.TEST, Audience.INTERNAL, null,
        Notification.Status.INFO, "info", "t", "a <b> & c", many, null, null,
        FakeClock.NOW, null, null);
    JsonNode m = sent(n);
    assertThat(m.at("/blocks/1/text/text").asText()).isEqualTo("a &lt;b&gt; &amp; c");
    assertThat(m.at("/blocks/2/fields")).hasSize(10);
    assertThat(m.at("/blocks/3/fields")).hasSize(2);
    assertThat(m.at("/blocks/3/fields/1/text").asText()).isEqualTo("*f12*\n&lt;12&gt; &amp; co");
    assertThat(m.at("/attachments/0/color").asText()).isEqualTo("#1d72b8");
  }
}
