package dev.nines.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.nines.model.Audience;
import dev.nines.model.ChannelSpec;
import dev.nines.testing.FakeClock;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Email through a real SMTP server: GreenMail on a free port, signing in as nines. */
class EmailChannelTest {
  @RegisterExtension
  static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
      .withConfiguration(GreenMailConfiguration.aConfig().withUser("nines", "mail-pw"));

  private final Map<String, String> env = new HashMap<>(Map.of("SMTP_PW", "mail-pw"));

  private Channel channel(Map<String, String> settings) {
    return new Channels(() -> null, new Secrets(env::get), HttpPost.defaultClient(),
        new FakeClock()).create(new ChannelSpec("client-notices", "email", Audience.CLIENT, "acme",
        settings));
  }

  private Map<String, String> smtp(int port) {
    Map<String, String> s = new HashMap<>(Map.of("to", "dana@acme.example,sam@acme.example",
        "from", "Nines <nines@ops.example>", "smtp.host", "127.0.0.1",
        "smtp.port", Integer.toString(port), "smtp.tls", "none"));
    s.put("smtp.username", "nines");
    s.put("smtp.password", "env:SMTP_PW");
    return s;
  }

  private static int port() {
    return MAIL.getSmtp().getPort();
  }

  private static String text(Part p) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    p.getDataHandler().writeTo(out);
    return out.toString(java.nio.charset.StandardCharsets.UTF_8).replace("\r\n", "\n");
  }

  @Test
  void aReportArrivesWithATextAndAnHtmlPartTheHeadersAndTheAttachment() throws Exception {
    Delivery d = channel(smtp(port())).send(Samples.report("report-2026-10", "acme"));
    assertThat(d.answer()).startsWith("250");
    assertThat(d.request()).isEqualTo("mail from Nines <nines@ops.example> to "
        + "dana@acme.example,sam@acme.example via 127.0.0.1:" + port()
        + ": Acme Logistics: SLO report for October 2026");
    MimeMessage[] got = MAIL.getReceivedMessages();
    assertThat(got).hasSize(2);
    MimeMessage m = got[0];
    assertThat(m.getSubject()).isEqualTo("Acme Logistics: SLO report for October 2026");
    assertThat(m.getFrom()[0].toString()).isEqualTo("Nines <nines@ops.example>");
    assertThat(m.getAllRecipients()).extracting(Object::toString)
        .containsExactly("dana@acme.example", "sam@acme.example");
    assertThat(m.getHeader("X-Nines-Key")).containsExactly("report-2026-10");
    assertThat(m.getHeader("Auto-Submitted")).containsExactly("auto-generated");
    assertThat(m.getSentDate().toInstant()).isEqualTo(FakeClock.NOW);

    Multipart mixed = (Multipart) m.getContent();
    assertThat(m.getContentType()).startsWith("multipart/mixed");
    assertThat(mixed.getCount()).isEqualTo(2);
    Multipart alternative = (Multipart) mixed.getBodyPart(0).getContent();
    assertThat(mixed.getBodyPart(0).getContentType()).startsWith("multipart/alternative");
    assertThat(alternative.getBodyPart(0).getContentType()).startsWith("text/plain; charset=UTF-8");
    assertThat(text(alternative.getBodyPart(0))).contains("Acme Logistics: SLO report",
        "Your monthly SLO compliance report is attached.", "SLOs met  5 of 6");
    assertThat(alternative.getBodyPart(1).getContentType()).startsWith("text/html; charset=UTF-8");
    assertThat(text(alternative.getBodyPart(1))).contains("<h1", "SLO report for October 2026",
        "<td style=\"padding:3px 0;font-weight:600\">5 of 6</td>");
    Part pdf = mixed.getBodyPart(1);
    assertThat(pdf.getDisposition()).isEqualTo(Part.ATTACHMENT);
    assertThat(pdf.getFileName()).isEqualTo("acme-2026-10.pdf");
    assertThat(pdf.getContentType()).startsWith("application/pdf");
    assertThat(pdf.getInputStream().readAllBytes()).isEqualTo(
        Samples.report("x", "acme").attachments().get(0).bytes());
  }

  @Test
  void aFiringAlertHasItsStatusInTheSubjectAndItsTextEscapedInTheHtml() throws Exception {
    Notification n = new Notification("k", Notification.Kind.ALERT, Audience.INTERNAL, null,
        Notification.Status.FIRING, "page", "5xx <script>alert(1)</script> & more",
        "Line one\nline two\n\nSecond paragraph", List.of(new Notification.Field("a<b", "c&d")),
        null, Samples.LINK + "?range=24h&tab=burn", Samples.STARTS, null, null);
    channel(smtp(port())).send(n);
    MimeMessage m = MAIL.getReceivedMessages()[0];
    assertThat(m.getSubject()).isEqualTo("[FIRING] 5xx <script>alert(1)</script> & more");
    assertThat(m.getContentType()).startsWith("multipart/alternative");
    String html = text(((Multipart) m.getContent()).getBodyPart(1));
    assertThat(html).doesNotContain("<script>")
        .contains("5xx &lt;script&gt;alert(1)&lt;/script&gt; &amp; more")
        .contains("Line one<br>\nline two</p>").contains("<p style=\"margin:0 0 12px\">Second "
            + "paragraph</p>").contains(">a&lt;b</td>").contains(">c&amp;d</td>")
        .contains("href=\"" + Samples.LINK + "?range=24h&amp;tab=burn\"");
  }

  @Test
  void withoutSmtpSettingsTheServerAndSenderComeFromTheEnvironment() throws Exception {
    env.put("NINES_SMTP_URL", "smtp://nines:mail-pw@127.0.0.1:" + port() + "?tls=none");
    env.put("NINES_SMTP_FROM", "alerts@ops.example");
    channel(Map.of("to", "dana@acme.example")).send(Samples.notice("n1", "acme"));
    MimeMessage m = MAIL.getReceivedMessages()[0];
    assertThat(m.getFrom()[0].toString()).isEqualTo("alerts@ops.example");
    assertThat(m.getSubject()).isEqualTo("[FIRING] SLO violation on /assign-courier");
  }

  @Test
  void withoutAnyServerTheErrorSaysWhereToSetOne() {
    DeliveryException e = catchThrowableOfType(DeliveryException.class,
        () -> channel(Map.of("to", "dana@acme.example")).send(Samples.notice("n1", "acme")));
    assertThat(e.getMessage()).isEqualTo("email client-notices: no SMTP server. Expected smtp: "
        + "{host: ...} in the channel or the environment variable NINES_SMTP_URL");
    assertThat(e.permanent()).isFalse();
  }

  @Test
  void aWrongPasswordIsRetriedAndNeverShown() {
    env.put("SMTP_PW", "wrong-password");
    DeliveryException e = catchThrowableOfType(DeliveryException.class,
        () -> channel(smtp(port())).send(Samples.notice("n1", "acme")));
    assertThat(e.permanent()).isFalse();
    assertThat(e.getMessage()).startsWith("email client-notices: SMTP authentication failed")
        .endsWith("(127.0.0.1:" + port() + ")").doesNotContain("wrong-password");
  }

  @Test
  void aRefusedRecipientIsAPermanentFailureWithTheSmtpReply() throws Exception {
    try (ScriptedSmtp refusing = new ScriptedSmtp()) {
      Map<String, String> s = smtp(refusing.port());
      s.remove("smtp.username");
      s.remove("smtp.password");
      s.put("to", "gone@acme.example");
      DeliveryException e = catchThrowableOfType(DeliveryException.class,
          () -> channel(s).send(Samples.notice("n1", "acme")));
      assertThat(e.permanent()).isTrue();
      assertThat(e.getMessage()).isEqualTo("email client-notices: SMTP 550 5.1.1 "
          + "<gone@acme.example>: mailbox unavailable (127.0.0.1:" + refusing.port() + ")");
    }
  }

  @Test
  void aServerThatIsDownIsRetried() throws Exception {
    int closed;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    DeliveryException e = catchThrowableOfType(DeliveryException.class,
        () -> channel(smtp(closed)).send(Samples.notice("n1", "acme")));
    assertThat(e.permanent()).isFalse();
    assertThat(e.getMessage()).startsWith("email client-notices: Couldn't connect to host")
        .endsWith("(ConnectException) (127.0.0.1:" + closed + ")");
  }
}
