package dev.nines.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SmtpServerTest {
  @ParameterizedTest(name = "{0} is {1}:{2} as {3} with TLS {5}")
  @CsvSource(nullValues = "-", value = {
      "smtp://mx.example, mx.example, 587, -, -, starttls",
      "smtp://mx.example?tls=none, mx.example, 25, -, -, none",
      "smtp://u:p%40ss@mx.example:2525?tls=starttls, mx.example, 2525, u, p@ss, starttls",
      "smtps://alerts%2Bops@mx.example, mx.example, 465, alerts+ops, -, tls"})
  void anSmtpUrlNamesTheServerItsUserAndItsTls(String url, String host, int port, String user,
      String password, String tls) throws Exception {
    assertThat(SmtpServer.parse("email x", url))
        .isEqualTo(new SmtpServer(host, port, user, password, tls));
  }

  @Test
  void anotherSchemeOrQueryIsRefusedWithoutEchoingTheUrl() {
    DeliveryException e = catchThrowableOfType(DeliveryException.class,
        () -> SmtpServer.parse("email x", "http://u:secret@mx.example"));
    assertThat(e.getMessage()).isEqualTo("email x: NINES_SMTP_URL is not an SMTP URL. Expected "
        + "smtp://[USER[:PASSWORD]@]HOST[:PORT][?tls=none|starttls] or smtps://...");
    assertThat(catchThrowableOfType(DeliveryException.class,
        () -> SmtpServer.parse("email x", "smtp://mx.example?tls=ssl")).getMessage())
        .isEqualTo("email x: NINES_SMTP_URL has the query 'tls=ssl'. Expected tls=none or "
            + "tls=starttls");
  }

  @Test
  void channelSettingsWinOverTheEnvironmentAndResolveThePassword() throws Exception {
    Secrets secrets = new Secrets(Map.of("PW", "s3cret", "NINES_SMTP_URL",
        "smtp://other.example")::get);
    assertThat(SmtpServer.of("email x", Map.of("smtp.host", "mx.example", "smtp.username", "n",
        "smtp.password", "env:PW", "smtp.tls", "tls"), secrets))
        .isEqualTo(new SmtpServer("mx.example", 465, "n", "s3cret", "tls"));
    assertThat(SmtpServer.of("email x", Map.of(), secrets).host()).isEqualTo("other.example");
  }

  @Test
  void startTlsIsRequiredNotMerelyTried() {
    var p = new SmtpServer("mx.example", 0, null, null, "starttls").properties(5000, 10000);
    assertThat(p).containsEntry("mail.smtp.starttls.required", "true")
        .containsEntry("mail.smtp.ssl.checkserveridentity", "true")
        .containsEntry("mail.smtp.port", "587").containsEntry("mail.smtp.auth", "false");
  }
}
