package dev.nines.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.nines.model.Audience;
import dev.nines.model.ChannelSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChannelReaderTest {
  private static final String ONE_CLIENT = """
      apiVersion: nines/v1
      clients:
        - name: acme
      channels:
      """;
  private static final String TWO_CLIENTS = """
      apiVersion: nines/v1
      clients:
        - name: acme
        - name: globex
      channels:
      """;

  private static ChannelSpec read(String spec) throws SpecException {
    return SpecReader.read("t.yaml", spec).spec().channels().get(0);
  }

  private static String error(String spec) {
    SpecException e = catchThrowableOfType(SpecException.class, () -> SpecReader.read("t.yaml",
        spec));
    assertThat(e).as("the reader rejects it").isNotNull();
    return e.getMessage();
  }

  @Test
  void aWebhookKeepsItsUrlAndSigningSecretAsReferences() throws Exception {
    ChannelSpec c = read(ONE_CLIENT + """
          - {name: oncall, kind: webhook, url: "env:HOOK", secret: "file:/run/key"}
        """);
    assertThat(c).isEqualTo(new ChannelSpec("oncall", "webhook", Audience.INTERNAL, null,
        Map.of("url", "env:HOOK", "secret", "file:/run/key")));
  }

  @Test
  void aWebhookMayCapTheAlertsOfAGroupMessage() throws Exception {
    assertThat(read(ONE_CLIENT + "  - {name: hook, kind: webhook, url: \"env:H\", maxAlerts: 20}\n")
        .settings()).containsEntry("maxAlerts", "20");
    assertThat(error(ONE_CLIENT + "  - {name: hook, kind: webhook, url: \"env:H\", maxAlerts: -1}\n"))
        .contains("t.yaml:", "maxAlerts", "-1 is out of range. Expected 0 to 10000");
    assertThat(error(ONE_CLIENT + "  - {name: chat, kind: slack, url: \"env:S\", maxAlerts: 5}\n"))
        .contains("maxAlerts");
  }

  @Test
  void anAlertmanagerChannelTakesAUrl() throws Exception {
    assertThat(read(ONE_CLIENT + "  - {name: am, kind: alertmanager, url: \"env:AM\"}\n"))
        .isEqualTo(new ChannelSpec("am", "alertmanager", Audience.INTERNAL, null,
            Map.of("url", "env:AM")));
  }

  @Test
  void smtpSettingsAreFlattenedUnderSmtp() throws Exception {
    ChannelSpec c = read(ONE_CLIENT + """
          - name: mail
            kind: email
            to: [ops@acme.example, dana@acme.example]
            from: Nines <nines@ops.example>
            smtp: {host: mx.ops.example, port: 465, username: nines, password: env:PW, tls: tls}
        """);
    assertThat(c.settings()).isEqualTo(Map.of("to", "ops@acme.example,dana@acme.example",
        "from", "Nines <nines@ops.example>", "smtp.host", "mx.ops.example", "smtp.port", "465",
        "smtp.username", "nines", "smtp.password", "env:PW", "smtp.tls", "tls"));
  }

  @Test
  void aLiteralSmtpPasswordIsRefusedAtItsKey() {
    assertThat(error(ONE_CLIENT + """
          - name: mail
            kind: email
            to: [ops@acme.example]
            smtp: {host: mx.ops.example, username: nines, password: hunter2}
        """)).isEqualTo("t.yaml:8:61: channels[0].smtp.password: is a secret written in the "
        + "spec. Expected a reference env:NAME or file:PATH");
  }

  @Test
  void aClientChannelOfTheOnlyClientBelongsToIt() throws Exception {
    ChannelSpec c = read(ONE_CLIENT + """
          - {name: notices, kind: email, audience: client, to: [dana@acme.example]}
        """);
    assertThat(c.client()).isEqualTo("acme");
  }

  @Test
  void aClientChannelMustNameItsClientWhenThereAreSeveral() {
    assertThat(error(TWO_CLIENTS + """
          - {name: notices, kind: email, audience: client, to: [dana@acme.example]}
        """)).isEqualTo("t.yaml:6:5: channels[0].client: is required for an audience: client "
        + "channel in a spec with 2 clients. Expected one of acme, globex");
  }

  @Test
  void aChannelOfAnUnknownClientIsRefused() {
    assertThat(error(TWO_CLIENTS + """
          - {name: notices, kind: email, audience: client, client: initech, to: [d@acme.example]}
        """)).isEqualTo("t.yaml:6:60: channels[0].client: unknown client 'initech'. Expected "
        + "one declared under clients");
  }

  @Test
  void aClientChannelInASpecWithoutClientsIsWarnedAboutAndBelongsToNone() throws Exception {
    ParsedSpec parsed = SpecReader.read("t.yaml", """
        apiVersion: nines/v1
        channels:
          - {name: notices, kind: slack, audience: client, url: "env:SLACK"}
        """);
    assertThat(parsed.spec().channels().get(0).client()).isNull();
    assertThat(parsed.warnings()).extracting(Problem::toString).containsExactly(
        "t.yaml:3:44: channels[0].audience: warning: client, but the spec declares no client, "
        + "so the channel receives nothing. Expected a client under clients, or audience: "
        + "internal");
  }

  @Test
  void anInternalChannelMayBeNarrowedToOneClient() throws Exception {
    ChannelSpec c = read(TWO_CLIENTS + """
          - {name: acme-oncall, kind: slack, client: acme, url: "env:SLACK"}
        """);
    assertThat(c.audience()).isEqualTo(Audience.INTERNAL);
    assertThat(c.client()).isEqualTo("acme");
  }

  @Test
  void anUnknownKindNamesTheKinds() {
    assertThat(error(ONE_CLIENT + "  - {name: pager, kind: pagerduty}\n"))
        .isEqualTo("t.yaml:5:25: channels[0].kind: 'pagerduty' is not a channel kind. Expected "
            + "email, webhook, slack or alertmanager");
  }

  @Test
  void aSenderThatIsNotAnAddressIsRefused() {
    assertThat(error(ONE_CLIENT + """
          - {name: mail, kind: email, to: [ops@acme.example], from: nines}
        """)).isEqualTo("t.yaml:5:61: channels[0].from: 'nines' is not an email address. "
        + "Expected nines@example.com or Nines <nines@example.com>");
  }
}
