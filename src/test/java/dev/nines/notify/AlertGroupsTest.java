package dev.nines.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.nines.model.Audience;
import dev.nines.model.Spec;
import dev.nines.spec.SpecReader;
import dev.nines.store.OutboxMessage;
import dev.nines.store.Store;
import dev.nines.store.Stores;
import dev.nines.testing.FakeClock;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Grouping per service end to end: alerts handed in on a fake clock, groups looked at, the
 * outbox sending to a real webhook receiver, a real Slack-style receiver, an Alertmanager-style
 * receiver and GreenMail, over a real SQLite store that the restart test reopens.
 */
class AlertGroupsTest {
  @RegisterExtension
  static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
      .withConfiguration(GreenMailConfiguration.aConfig().withUser("nines", "mail-pw"));

  private static final Instant T0 = FakeClock.NOW;

  @TempDir Path dir;
  final FakeClock clock = new FakeClock();
  final Receiver hook = new Receiver();
  final Receiver slack = new Receiver();
  final Receiver alertmanager = new Receiver();
  final Receiver client = new Receiver();
  final Receiver capped = new Receiver();
  final List<AutoCloseable> open = new ArrayList<>();
  Spec spec;
  Store store;
  AlertGroups groups;
  OutboxSender sender;

  @BeforeEach
  void start() throws Exception {
    spec = SpecReader.read("t.yaml", """
        apiVersion: nines/v1
        alerting: {groupWait: 30s, groupInterval: 5m, repeatInterval: 4h}
        clients:
          - name: acme
        channels:
          - {name: oncall, kind: webhook, url: "env:HOOK", secret: "env:HOOK_KEY"}
          - {name: chat, kind: slack, url: "env:SLACK"}
          - name: mail
            kind: email
            to: [oncall@ops.example]
            from: "Nines <nines@ops.example>"
            smtp: {host: 127.0.0.1, port: %d, tls: none, username: nines, password: "env:SMTP_PW"}
          - {name: am, kind: alertmanager, url: "env:AM"}
          - {name: acme-notices, kind: webhook, audience: client, client: acme, url: "env:CLIENT"}
          - {name: capped, kind: webhook, url: "env:CAPPED", maxAlerts: 2}
        """.formatted(MAIL.getSmtp().getPort())).spec();
    boot();
  }

  /** Opens the store and the notification parts on it, as a server start does. */
  private void boot() {
    store = Stores.open(null, dir, null, null);
    Channels channels = new Channels(() -> spec, new Secrets(Map.of("HOOK", hook.url("/hook"),
        "HOOK_KEY", "hook-secret", "SLACK", slack.url("/slack"), "AM", alertmanager.url(""),
        "SMTP_PW", "mail-pw", "CLIENT", client.url("/notices"), "CAPPED", capped.url("/capped"))::get), HttpPost.defaultClient(),
        clock);
    sender = new OutboxSender(store, channels::channel, clock, OutboxSender.Options.defaults(),
        new SendCounters(), () -> 0);
    groups = new AlertGroups(store, () -> spec, clock, new Outbox(store, () -> spec, clock,
        () -> { }));
  }

  /** Stops everything as a crash would after the last commit. */
  private void stop() {
    sender.close();
    store.close();
  }

  @AfterEach
  void close() {
    stop();
    hook.close();
    slack.close();
    alertmanager.close();
    client.close();
    capped.close();
  }

  /** The message of an alert transition, keyed as {@code Transition#notificationKey}. */
  static Notification alert(String service, String slo, String severity, boolean firing,
      Instant at) {
    String instance = "burn-rate:" + slo + ":" + severity + "@" + T0.toEpochMilli();
    String key = instance + ":" + (firing ? "firing" : "resolved") + ":" + at.toEpochMilli();
    return new Notification(key, Notification.Kind.ALERT, Audience.INTERNAL, "acme",
        firing ? Notification.Status.FIRING : Notification.Status.RESOLVED, severity,
        (severity.equals("page") ? "Page: " : "Ticket: ") + slo + " burns its error budget",
        "At this pace the budget is gone in 2 days.",
        List.of(new Notification.Field("Burn rate 1h / 5m", "14.9× / 15.2× (above 14.4×)"),
            new Notification.Field("Budget left", "81.2 %")),
        Map.of("alertname", "BurnRate", "severity", severity, "slo", slo, "service", service,
            "kind", "burn-rate"),
        "https://nines.ops.example/console/slos/" + slo, T0, firing ? null : at, List.of());
  }

  private void fireThreeCheckoutAlerts() {
    groups.send(alert("checkout", "pay-success", "page", true, clock.instant()));
    clock.advance(Duration.ofSeconds(10));
    groups.send(alert("checkout", "cart-latency", "ticket", true, clock.instant()));
    clock.advance(Duration.ofSeconds(10));
    groups.send(alert("checkout", "pay-latency", "page", true, clock.instant()));
  }

  /** Looks at the groups at {@code at} and sends what the outbox has then. */
  private int at(Instant at) {
    clock.set(at);
    int messages = groups.flushDue();
    while (sender.runOnce() > 0) {
      // every due row sent
    }
    return messages;
  }

  private static JsonNode json(Receiver.Request r) throws Exception {
    return NotificationJson.MAPPER.readTree(r.body());
  }

  private static List<String> titles(JsonNode body) {
    List<String> out = new ArrayList<>();
    body.path("alerts").forEach(a -> out.add(a.path("status").asText() + " "
        + a.path("title").asText()));
    return out;
  }

  @Test
  void threeAlertsOfOneServiceWithinGroupWaitReachEachChannelAsOneMessage() throws Exception {
    fireThreeCheckoutAlerts();
    assertThat(at(T0.plusSeconds(29))).as("the group waits 30 s").isZero();
    assertThat(hook.requests()).isEmpty();
    assertThat(at(T0.plusSeconds(30))).isEqualTo(1);

    assertThat(hook.requests()).hasSize(1);
    Receiver.Request post = hook.requests().get(0);
    assertThat(WebhookSignature.verify("hook-secret", post.body(),
        post.header(WebhookSignature.SIGNATURE_HEADER),
        post.header(WebhookSignature.TIMESTAMP_HEADER), clock.instant(), Duration.ofMinutes(5)))
        .isTrue();
    JsonNode body = json(post);
    assertThat(body.path("title").asText())
        .isEqualTo("checkout: 3 alerts firing (2 page, 1 ticket)");
    assertThat(body.path("status").asText()).isEqualTo("firing");
    assertThat(body.path("receiver").asText()).isEqualTo("oncall");
    assertThat(body.path("groupKey").asText()).isEqualTo("{}:{client=\"acme\", service=\"checkout\"}");
    assertThat(body.path("groupLabels").toString())
        .isEqualTo("{\"client\":\"acme\",\"service\":\"checkout\"}");
    assertThat(body.path("commonLabels").path("alertname").asText()).isEqualTo("BurnRate");
    assertThat(body.path("commonLabels").has("slo")).as("differs between alerts").isFalse();
    assertThat(body.path("key").asText()).isEqualTo(post.header("X-Nines-Key"))
        .isEqualTo("group:{}:{client=\"acme\", service=\"checkout\"}:" + T0.toEpochMilli() + ":0");
    assertThat(titles(body)).containsExactly(
        "firing Page: pay-latency burns its error budget",
        "firing Page: pay-success burns its error budget",
        "firing Ticket: cart-latency burns its error budget");
    JsonNode first = body.path("alerts").get(0);
    assertThat(first.path("labels").path("slo").asText()).isEqualTo("pay-latency");
    assertThat(first.path("labels").path("sloth_id").asText()).isEqualTo("checkout-pay-latency");
    assertThat(first.path("annotations").path("summary").asText())
        .isEqualTo("Page: pay-latency burns its error budget");
    assertThat(first.path("fields").toString()).contains("Burn rate 1h / 5m", "Budget left");
    assertThat(first.path("generatorURL").asText())
        .isEqualTo("https://nines.ops.example/console/slos/pay-latency");
    assertThat(first.path("fingerprint").asText()).isEqualTo("burn-rate:pay-latency:page");
    assertThat(first.path("endsAt").isNull()).isTrue();

    assertThat(slack.requests()).hasSize(1);
    String chat = slack.requests().get(0).text();
    assertThat(chat).contains("checkout: 3 alerts firing (2 page, 1 ticket)",
        "Page: pay-success burns its error budget", "Ticket: cart-latency burns its error budget",
        "Page: pay-latency burns its error budget", "Budget left", "*Firing*");
    assertThat(chat).doesNotContain("*Resolved*");

    MimeMessage[] mails = MAIL.getReceivedMessages();
    assertThat(mails).hasSize(1);
    assertThat(mails[0].getSubject())
        .isEqualTo("[FIRING] checkout: 3 alerts firing (2 page, 1 ticket)");
    String mail = GreenMailUtil.getBody(mails[0]);
    assertThat(mail).contains("Firing (3)", "pay-success", "cart-latency", "pay-latency");

    assertThat(alertmanager.requests()).as("Alertmanager groups by itself: one post per alert")
        .hasSize(3);
  }

  @Test
  void aWebhookWithMaxAlertsSendsTheFirstSoManyAndCountsTheRestAsAlertmanagerDoes()
      throws Exception {
    fireThreeCheckoutAlerts();
    at(T0.plusSeconds(30));

    assertThat(json(hook.requests().get(0)).path("truncatedAlerts").asInt()).isZero();
    assertThat(capped.requests()).hasSize(1);
    JsonNode body = json(capped.requests().get(0));
    assertThat(body.path("title").asText())
        .isEqualTo("checkout: 3 alerts firing (2 page, 1 ticket)");
    assertThat(titles(body)).containsExactly(
        "firing Page: pay-latency burns its error budget",
        "firing Page: pay-success burns its error budget");
    assertThat(body.path("truncatedAlerts").asInt()).isEqualTo(1);
  }

  @Test
  void anAlertOfAnotherServiceGetsItsOwnMessage() throws Exception {
    fireThreeCheckoutAlerts();
    groups.send(alert("payments", "refund-success", "ticket", true, clock.instant()));
    assertThat(at(T0.plusSeconds(30))).as("checkout's group").isEqualTo(1);
    assertThat(at(T0.plusSeconds(49))).isZero();
    assertThat(at(T0.plusSeconds(50))).as("payments waits from its own first alert")
        .isEqualTo(1);
    assertThat(hook.requests()).hasSize(2);
    JsonNode payments = json(hook.requests().get(1));
    assertThat(payments.path("title").asText()).isEqualTo("payments: 1 alert firing (1 ticket)");
    assertThat(payments.path("groupLabels").path("service").asText()).isEqualTo("payments");
    assertThat(titles(payments)).containsExactly(
        "firing Ticket: refund-success burns its error budget");
    assertThat(slack.requests()).hasSize(2);
    assertThat(MAIL.getReceivedMessages()).hasSize(2);
  }

  @Test
  void aFourthAlertJoiningAfterGroupWaitIsSentAfterGroupIntervalNotBefore() throws Exception {
    fireThreeCheckoutAlerts();
    at(T0.plusSeconds(30));
    clock.set(T0.plusSeconds(60));
    groups.send(alert("checkout", "checkout-availability", "page", true, clock.instant()));
    assertThat(at(T0.plusSeconds(61))).isZero();
    assertThat(at(T0.plusSeconds(30 + 299))).as("within the group interval").isZero();
    assertThat(hook.requests()).hasSize(1);
    assertThat(at(T0.plusSeconds(30 + 300))).isEqualTo(1);
    assertThat(hook.requests()).hasSize(2);
    JsonNode update = json(hook.requests().get(1));
    assertThat(update.path("title").asText())
        .isEqualTo("checkout: 4 alerts firing (3 page, 1 ticket)");
    assertThat(titles(update)).hasSize(4).contains(
        "firing Page: checkout-availability burns its error budget");
    assertThat(update.path("key").asText()).endsWith(":1");
    assertThat(at(T0.plusSeconds(30 + 600))).as("nothing changed since").isZero();
    assertThat(hook.requests()).hasSize(2);
  }

  @Test
  void resolutionOfAllGivesAResolvedGroupMessageAndEndsTheGroup() throws Exception {
    fireThreeCheckoutAlerts();
    at(T0.plusSeconds(30));
    clock.set(T0.plusSeconds(120));
    groups.send(alert("checkout", "pay-success", "page", false, clock.instant()));
    assertThat(at(T0.plusSeconds(330))).isEqualTo(1);
    JsonNode partly = json(hook.requests().get(1));
    assertThat(partly.path("title").asText())
        .isEqualTo("checkout: 2 alerts firing (1 page, 1 ticket), 1 resolved");
    assertThat(titles(partly)).containsExactly(
        "firing Page: pay-latency burns its error budget",
        "firing Ticket: cart-latency burns its error budget",
        "resolved Page: pay-success burns its error budget");
    assertThat(slack.requests().get(1).text()).contains("*Firing*", "*Resolved*");
    assertThat(GreenMailUtil.getBody(MAIL.getReceivedMessages()[1])).contains("Firing (2)",
        "Resolved (1)");

    clock.set(T0.plusSeconds(400));
    groups.send(alert("checkout", "cart-latency", "ticket", false, clock.instant()));
    groups.send(alert("checkout", "pay-latency", "page", false, clock.instant()));
    assertThat(at(T0.plusSeconds(630))).isEqualTo(1);
    JsonNode resolved = json(hook.requests().get(2));
    assertThat(resolved.path("status").asText()).isEqualTo("resolved");
    assertThat(resolved.path("title").asText()).isEqualTo("checkout: 2 alerts resolved");
    assertThat(resolved.path("endsAt").asText()).isEqualTo(T0.plusSeconds(400).toString());
    assertThat(titles(resolved)).containsExactly(
        "resolved Page: pay-latency burns its error budget",
        "resolved Ticket: cart-latency burns its error budget");
    assertThat(MAIL.getReceivedMessages()[2].getSubject())
        .isEqualTo("[RESOLVED] checkout: 2 alerts resolved");
    assertThat(store.alertGroups(null, null)).as("the group is over").isEmpty();
    assertThat(at(T0.plus(Duration.ofHours(5)))).isZero();
    assertThat(hook.requests()).hasSize(3);
  }

  @Test
  void anAlertResolvedBeforeAnybodyWasToldOfItIsDroppedSilently() {
    groups.send(alert("checkout", "pay-success", "page", true, clock.instant()));
    clock.advance(Duration.ofSeconds(20));
    groups.send(alert("checkout", "pay-success", "page", false, clock.instant()));
    assertThat(at(T0.plusSeconds(30))).isZero();
    assertThat(hook.requests()).isEmpty();
    assertThat(store.alertGroups(null, null)).isEmpty();
  }

  @Test
  void aGroupStillFiringIsSentAgainAfterTheRepeatInterval() throws Exception {
    fireThreeCheckoutAlerts();
    at(T0.plusSeconds(30));
    assertThat(at(T0.plusSeconds(30).plus(Duration.ofHours(4)).minusSeconds(1))).isZero();
    assertThat(at(T0.plusSeconds(30).plus(Duration.ofHours(4)))).isEqualTo(1);
    JsonNode repeat = json(hook.requests().get(1));
    assertThat(repeat.path("title").asText())
        .isEqualTo("checkout: 3 alerts firing (2 page, 1 ticket)");
    assertThat(titles(repeat)).hasSize(3);
  }

  @Test
  void aRepeatOfOneAlertUpdatesItsFiguresButSendsNothingByItself() throws Exception {
    fireThreeCheckoutAlerts();
    at(T0.plusSeconds(30));
    clock.set(T0.plusSeconds(90));
    Notification first = alert("checkout", "pay-success", "page", true, T0);
    groups.send(new Notification(first.key().replace(":firing:", ":repeat:"), first.kind(),
        first.audience(), first.client(), first.status(), first.severity(),
        "Still firing: " + first.title(), first.summary(),
        List.of(new Notification.Field("Budget left", "12.0 %")), first.labels(), first.link(),
        first.startsAt(), null, List.of()));
    assertThat(at(T0.plusSeconds(330))).isZero();
    assertThat(at(T0.plusSeconds(30).plus(Duration.ofHours(4)))).isEqualTo(1);
    JsonNode repeat = json(hook.requests().get(1));
    assertThat(repeat.path("alerts").toString()).contains("12.0 %")
        .doesNotContain("Still firing");
  }

  @Test
  void aRestartInTheMiddleSendsNothingTwiceAndLosesNothing() throws Exception {
    fireThreeCheckoutAlerts();
    stop();                                  // pending group, nothing sent yet
    boot();
    // The evaluation hands on again what it had not marked as handed on.
    groups.send(alert("checkout", "pay-latency", "page", true, T0.plusSeconds(20)));
    assertThat(at(T0.plusSeconds(30))).isEqualTo(1);
    assertThat(titles(json(hook.requests().get(0)))).hasSize(3);

    clock.set(T0.plusSeconds(60));
    groups.send(alert("checkout", "checkout-availability", "page", true, clock.instant()));
    clock.set(T0.plusSeconds(330));
    assertThat(groups.flushDue()).isEqualTo(1);  // the update is in the outbox, not sent
    stop();
    boot();
    assertThat(at(T0.plusSeconds(331))).as("nothing new to look at").isZero();
    assertThat(hook.requests()).hasSize(2);
    assertThat(titles(json(hook.requests().get(1)))).hasSize(4);
    assertThat(slack.requests()).hasSize(2);
    assertThat(MAIL.getReceivedMessages()).hasSize(2);
    assertThat(store.outbox(OutboxMessage.PENDING, null, 0, 10).total()).isZero();
    assertThat(at(T0.plusSeconds(630))).isZero();
    assertThat(hook.requests()).hasSize(2);
  }

  @Test
  void twoServersLookingAtTheSameGroupSendItOnce() throws Exception {
    fireThreeCheckoutAlerts();
    AlertGroups other = new AlertGroups(store, () -> spec, clock, new Outbox(store, () -> spec,
        clock, () -> { }));
    clock.set(T0.plusSeconds(30));
    assertThat(groups.flushDue() + other.flushDue()).isEqualTo(1);
    at(T0.plusSeconds(31));
    assertThat(hook.requests()).hasSize(1);
  }

  @Test
  void clientNoticesAndOtherMessagesPassThroughAtOnceAndAlone() throws Exception {
    groups.send(Samples.notice("notice-1", "acme"));
    groups.send(Samples.notice("notice-2", "acme"));
    at(T0);
    assertThat(client.requests()).hasSize(2);
    assertThat(json(client.requests().get(0)).path("kind").asText()).isEqualTo("client_notice");
    assertThat(json(client.requests().get(0)).has("alerts")).isFalse();
    assertThat(hook.requests()).isEmpty();
    assertThat(store.alertGroups(null, null)).isEmpty();
  }
}
