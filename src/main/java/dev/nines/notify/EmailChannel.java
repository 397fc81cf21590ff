package dev.nines.notify;

import dev.nines.model.ChannelSpec;
import jakarta.activation.DataHandler;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.time.Clock;
import java.util.Date;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Email over SMTP (Angus Mail): a multipart/alternative message with a plain-text and a small
 * HTML part, inside multipart/mixed with the attachments when there are any. The server is the
 * channel's {@code smtp} settings or {@code NINES_SMTP_URL}; the sender its {@code from} or
 * {@code NINES_SMTP_FROM}. An SMTP 5xx reply is permanent; everything else is retried.
 */
final class EmailChannel implements Channel {
  /** The sender when the channel names none. */
  static final String FROM_VARIABLE = "NINES_SMTP_FROM";
  static final int CONNECT_TIMEOUT_MILLIS = 5_000;
  static final int TIMEOUT_MILLIS = 10_000;

  private final ChannelSpec spec;
  private final Secrets secrets;
  private final Clock clock;

  EmailChannel(ChannelSpec spec, Secrets secrets, Clock clock) {
    this.spec = spec;
    this.secrets = secrets;
    this.clock = clock;
  }

  @Override public String name() {
    return spec.name();
  }

  @Override public String kind() {
    return "email";
  }

  @Override public Delivery send(Notification n) throws DeliveryException {
    String what = "email " + spec.name();
    SmtpServer server = SmtpServer.of(what, spec.settings(), secrets);
    String from = spec.settings().get("from");
    if (from == null) {
      from = secrets.variable(FROM_VARIABLE);
    }
    if (from == null) {
      throw new DeliveryException(what + ": no sender. Expected from: in the channel or the "
          + "environment variable " + FROM_VARIABLE, false);
    }
    String to = spec.settings().get("to");
    Session session = Session.getInstance(server.properties(CONNECT_TIMEOUT_MILLIS,
        TIMEOUT_MILLIS));
    MimeMessage message;
    try {
      message = message(session, n, from, to, clock.instant());
    } catch (MessagingException e) {
      throw new DeliveryException(what + ": cannot build the message: " + e.getMessage(), true);
    }
    String request = "mail from " + from + " to " + to + " via " + server.host() + ":"
        + server.port() + ": " + NotificationText.subject(n);
    try (Transport t = session.getTransport(server.protocol())) {
      t.connect(server.host(), server.port(), server.username(), server.password());
      t.sendMessage(message, message.getAllRecipients());
      String answer = t instanceof SMTPTransport s ? s.getLastServerResponse() : "sent";
      return new Delivery(request, answer == null ? "sent" : answer.strip());
    } catch (MessagingException e) {
      throw failure(what, server, e);
    }
  }

  private static DeliveryException failure(String what, SmtpServer server, MessagingException e) {
    String at = " (" + server.host() + ":" + server.port() + ")";
    for (Exception x = e; x != null;
        x = x instanceof MessagingException m ? m.getNextException() : null) {
      int code = x instanceof SMTPSendFailedException f ? f.getReturnCode()
          : x instanceof SMTPAddressFailedException f ? f.getReturnCode() : 0;
      if (code > 0) {
        String text = reply(x.getMessage(), server);
        if (text.startsWith(Integer.toString(code))) {
          text = text.substring(3).strip();
        }
        return new DeliveryException(what + ": SMTP " + code + " " + text + at, code >= 500);
      }
    }
    if (e instanceof AuthenticationFailedException) {
      return new DeliveryException(what + ": SMTP authentication failed: "
          + reply(e.getMessage(), server) + at, false);
    }
    Throwable cause = e.getCause() != null ? e.getCause() : e;
    return new DeliveryException(what + ": " + reply(e.getMessage(), server)
        + (cause != e ? " (" + cause.getClass().getSimpleName() + ")" : "") + at, false);
  }

  private static String reply(String message, SmtpServer server) {
    return Secrets.redact(message == null ? "" : message.replaceAll("\\s+", " ").strip(),
        server.password());
  }

  /** The MIME message: text and HTML alternatives, then the attachments. */
  static MimeMessage message(Session session, Notification n, String from, String to,
      java.time.Instant sentAt) throws MessagingException {
    MimeMessage m = new MimeMessage(session);
    try {
      m.setFrom(new InternetAddress(from, true));
      m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to, true));
    } catch (AddressException e) {
      throw new MessagingException("bad address: " + e.getMessage());
    }
    m.setSubject(NotificationText.subject(n), "UTF-8");
    m.setSentDate(Date.from(sentAt));
    m.setHeader("X-Nines-Key", n.key());
    m.setHeader("X-Nines-Kind", n.kind().id());
    m.setHeader("Auto-Submitted", "auto-generated");
    MimeMultipart alternative = new MimeMultipart("alternative");
    MimeBodyPart text = new MimeBodyPart();
    text.setText(NotificationText.plain(n), "UTF-8");
    alternative.addBodyPart(text);
    MimeBodyPart html = new MimeBodyPart();
    html.setContent(EmailHtml.of(n), "text/html; charset=UTF-8");
    alternative.addBodyPart(html);
    if (n.attachments().isEmpty()) {
      m.setContent(alternative);
    } else {
      MimeMultipart mixed = new MimeMultipart("mixed");
      MimeBodyPart body = new MimeBodyPart();
      body.setContent(alternative);
      mixed.addBodyPart(body);
      for (Notification.Attachment a : n.attachments()) {
        MimeBodyPart file = new MimeBodyPart();
        file.setDataHandler(new DataHandler(new ByteArrayDataSource(a.bytes(), a.contentType())));
        file.setFileName(a.name());
        file.setDisposition(Part.ATTACHMENT);
        mixed.addBodyPart(file);
      }
      m.setContent(mixed);
    }
    m.saveChanges();
    return m;
  }
}
