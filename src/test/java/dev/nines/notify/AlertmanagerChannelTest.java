package dev.nines.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nines.export.prometheus.RuleNames;
import dev.nines.model.Audience;
import dev.nines.model.ChannelSpec;
import dev.nines.model.Severity;
import dev.nines.spec.SpecReader;
import dev.nines.testing.WallClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Alerts to a real Alertmanager, read back from its API and from the webhook it notifies.
 * Alertmanager keeps real time, so these alerts are laid around the wall clock.
 */
// Alertmanager keeps its own clock (Go reads it without libc, so faketime cannot move it): these
// tests only run where the JVM and Alertmanager share the host's real time.
@Tag("host-clock")
class AlertmanagerChannelTest {
  static Receiver hook;
  static TestAlertmanager am;
  static Channel channel;

  @BeforeAll
  static void start() throws Exception {
    hook = new Receiver();
    am = TestAlertmanager.start(hook.url("/am"));
    channel = new Channels(() -> null, new Secrets(Map.of("AM", am.url() + "/")::get),
        HttpPost.defaultClient(), WallClock.clock()).create(new ChannelSpec("alertmanager",
        "alertmanager", Audience.INTERNAL, null, Map.of("url", "env:AM")));
  }

  @AfterAll
  static void stop() throws Exception {
    if (am != null) {
      am.close();
    }
    hook.close();
  }

  private static Notification alert(String slo, Instant starts, Instant ends) throws Exception {
    var spec = SpecReader.read(Path.of("examples/logistics.yaml")).spec();
    var s = spec.slos().stream().filter(x -> x.name().equals(slo)).findFirst().orElseThrow();
    return new Notification("alert:" + slo + ":" + starts.toEpochMilli() + (ends == null ? ""
        : ":resolved"), Notification.Kind.ALERT, Audience.INTERNAL, "acme",
        ends == null ? Notification.Status.FIRING : Notification.Status.RESOLVED, "page",
        slo + " is burning its budget", "At this pace the budget is gone in 2 days.",
        List.of(new Notification.Field("Burn rate 1h", "14.9x (threshold 14.4x)")),
        RuleNames.alertLabels(s, Severity.PAGE), Samples.LINK, starts, ends, null);
  }

  private static JsonNode alerts(String query) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(am.url() + "/api/v2/alerts" + query)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return NotificationJson.MAPPER.readTree(r.body());
  }

  private static JsonNode only(JsonNode list, String slo) {
    for (JsonNode a : list) {
      if (slo.equals(a.at("/labels/slo").asText())) {
        return a;
      }
    }
    return null;
  }

  private static List<JsonNode> hookCalls(String slo, String status) throws Exception {
    List<JsonNode> out = new java.util.ArrayList<>();
    for (Receiver.Request r : hook.requests()) {
      JsonNode n = NotificationJson.MAPPER.readTree(r.body());
      if (status.equals(n.get("status").asText()) && slo.equals(n.at("/groupLabels/slo").asText())) {
        out.add(n);
      }
    }
    return out;
  }

  private static void await(java.util.concurrent.Callable<Boolean> condition, String what)
      throws Exception {
    long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.call()) {
      assertThat(System.nanoTime()).as("waiting until " + what).isLessThan(until);
      Thread.sleep(100);
    }
  }

  @Test
  void aFiringAlertHasTheLabelsOfTheGeneratedRulesItsAnnotationsAndIsActive() throws Exception {
    Instant starts = WallClock.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
    Delivery d = channel.send(alert("assign-courier-success", starts, null));
    assertThat(d.answer()).isEqualTo("HTTP 200");
    JsonNode a = only(alerts(""), "assign-courier-success");
    assertThat(a).as("the alert is listed").isNotNull();
    Map<String, String> labels = NotificationJson.MAPPER.convertValue(a.get("labels"),
        new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() {});
    assertThat(labels).containsEntry("alertname", "AssignCourierSuccessBurnRate")
        .containsEntry("severity", "page").containsEntry("sloth_severity", "page")
        .containsEntry("slo", "assign-courier-success").containsEntry("service", "platform")
        .containsEntry("sloth_slo", "assign-courier-success")
        .containsEntry("sloth_service", "platform")
        .containsEntry("sloth_id", "platform-assign-courier-success")
        .containsEntry("client", "acme");
    assertThat(a.at("/annotations/summary").asText())
        .isEqualTo("assign-courier-success is burning its budget");
    assertThat(a.at("/annotations/description").asText()).isEqualTo("At this pace the budget "
        + "is gone in 2 days.\nBurn rate 1h: 14.9x (threshold 14.4x)");
    assertThat(a.at("/annotations/link").asText()).isEqualTo(Samples.LINK);
    assertThat(a.get("generatorURL").asText()).isEqualTo(Samples.LINK);
    assertThat(Instant.parse(a.get("startsAt").asText())).isEqualTo(starts);
    assertThat(a.at("/status/state").asText()).isEqualTo("active");
    await(() -> !hookCalls("assign-courier-success", "firing").isEmpty(),
        "Alertmanager notifies the firing alert");
  }

  @Test
  void aFiringAlertHoldsFourMinutesUnlessItIsSentAgain() throws Exception {
    Instant starts = WallClock.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
    Instant before = WallClock.now();
    channel.send(alert("track-delivery-fast", starts, null));
    JsonNode a = only(alerts(""), "track-delivery-fast");
    Instant ends = Instant.parse(a.get("endsAt").asText());
    assertThat(ends).isBetween(before.plus(Duration.ofMinutes(4)).minusSeconds(1),
        WallClock.now().plus(Duration.ofMinutes(4)).plusSeconds(1));
    assertThat(a.at("/status/state").asText()).isEqualTo("active");
  }

  @Test
  void aResolvedAlertEndsInAlertmanagerAndItsReceiversAreToldSo() throws Exception {
    Instant starts = WallClock.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
    channel.send(alert("fetch-orders-success", starts, null));
    await(() -> !hookCalls("fetch-orders-success", "firing").isEmpty(), "the firing is notified");
    Instant ends = WallClock.now().minusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
    channel.send(alert("fetch-orders-success", starts, ends));
    assertThat(only(alerts(""), "fetch-orders-success")).as("no longer active").isNull();
    await(() -> !hookCalls("fetch-orders-success", "resolved").isEmpty(),
        "Alertmanager notifies the resolution");
    JsonNode resolved = hookCalls("fetch-orders-success", "resolved").get(0);
    assertThat(resolved.at("/alerts/0/status").asText()).isEqualTo("resolved");
    assertThat(Instant.parse(resolved.at("/alerts/0/endsAt").asText())).isEqualTo(ends);
    assertThat(resolved.at("/alerts/0/labels/alertname").asText())
        .isEqualTo("FetchOrdersSuccessBurnRate");
  }

  @Test
  void aUrlAlertmanagerDoesNotServeIsAPermanentFailureWithItsAnswer() throws Exception {
    Channel wrong = new Channels(() -> null, new Secrets(Map.of("AM", am.url() + "/prefix")::get),
        HttpPost.defaultClient(), WallClock.clock()).create(new ChannelSpec("am", "alertmanager",
        Audience.INTERNAL, null, Map.of("url", "env:AM")));
    DeliveryException e = catchThrowableOfType(DeliveryException.class,
        () -> wrong.send(Notification.test("am", Audience.INTERNAL, null, WallClock.now())));
    assertThat(e.permanent()).isTrue();
    assertThat(e.getMessage()).matches("alertmanager am: 127\\.0\\.0\\.1:\\d+ answered "
        + "HTTP 404.*");
  }

  @Test
  void theTestMessageCarriesTheLabelsAnAlertmanagerNeedsAndExpiresInFiveMinutes()
      throws Exception {
    Instant now = WallClock.now().truncatedTo(ChronoUnit.SECONDS);
    channel.send(Notification.test("alertmanager", Audience.INTERNAL, null, now));
    JsonNode a = only(alerts(""), "nines-test");
    assertThat(a.at("/labels/alertname").asText()).isEqualTo("NinesTest");
    assertThat(a.at("/labels/service").asText()).isEqualTo("nines");
    assertThat(Instant.parse(a.get("endsAt").asText())).isEqualTo(now.plusSeconds(300));
  }
}
