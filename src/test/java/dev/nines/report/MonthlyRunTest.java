package dev.nines.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monthly run of a real server: October closes at midnight in Berlin (23:00 UTC), ten
 * minutes later the report is archived in every format and mailed once, PDF attached, to the
 * client's own email channel through the outbox and a real SMTP server (GreenMail).
 */
class MonthlyRunTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** 00:05 on 1 November in Europe/Berlin: the month is over, its last minutes may not be. */
  private static final Instant AFTER_MIDNIGHT = Instant.parse("2026-10-31T23:05:00Z");
  private static final String REPORT_SUBJECT = "Acme Logistics: service level report for "
      + "October 2026";
  @TempDir Path dir;
  private final GreenMail mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
  private ReportServer s;

  @AfterEach
  void stop() {
    if (s != null) {
      s.close();
    }
    mail.stop();
  }

  private ReportServer start() throws Exception {
    mail.start();
    // The spec's client channel, sent through the local SMTP server.
    String yaml = Files.readString(ReportSeed.SPEC, StandardCharsets.UTF_8).replace(
        "from: \"Nines <nines@ops.example>\"}", "from: \"Nines <nines@ops.example>\", smtp: "
        + "{host: 127.0.0.1, port: " + mail.getSmtp().getPort() + ", tls: none}}");
    assertThat(yaml).contains("smtp: {host: 127.0.0.1");
    Path spec = dir.resolve("report.yaml");
    Files.writeString(spec, yaml, StandardCharsets.UTF_8);
    s = new ReportServer(dir.resolve("data"), AFTER_MIDNIGHT, spec);
    return s;
  }

  private JsonNode json(String path) throws Exception {
    var r = s.get(path);
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private List<String> archived(String client) throws Exception {
    List<String> out = new ArrayList<>();
    for (JsonNode r : json("/api/v1/reports?client=" + client).get("reports")) {
      out.add(r.get("month").asText() + "." + r.get("format").asText());
    }
    return out;
  }

  /**
   * The report emails received; the client channel also carries the spec's client notices
   * (October's courier SLO is below its objective at this time), which are not counted.
   */
  private List<MimeMessage> reports() throws Exception {
    List<MimeMessage> out = new ArrayList<>();
    for (MimeMessage m : mail.getReceivedMessages()) {
      if (m.getSubject().equals(REPORT_SUBJECT)) {
        out.add(m);
      }
    }
    return out;
  }

  /** Waits up to 15 seconds for {@code n} report emails; returns those received. */
  private List<MimeMessage> awaitReports(int n) throws Exception {
    long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (reports().size() < n && System.nanoTime() < until) {
      Thread.sleep(50);
    }
    assertThat(reports()).as("report emails").hasSizeGreaterThanOrEqualTo(n);
    return reports();
  }

  @Test
  void aClosedMonthIsArchivedTenMinutesLaterAndMailedOnceWithItsPdf() throws Exception {
    start();
    // October in Berlin ended 23:00 UTC (CET from 25 October); five minutes later: not yet.
    s.server.clientRuns().runOnce();
    assertThat(archived("acme")).isEmpty();
    assertThat(reports()).isEmpty();

    s.clock.advance(Duration.ofMinutes(6));
    s.server.clientRuns().runOnce();
    assertThat(archived("acme")).containsExactlyInAnyOrder("2026-10.pdf", "2026-10.html",
        "2026-10.md");
    String hash = json("/api/v1/reports/acme/2026-10").get("figuresHash").asText();
    for (JsonNode r : json("/api/v1/reports?client=acme").get("reports")) {
      assertThat(r.get("figuresHash").asText()).isEqualTo(hash);
    }
    byte[] pdf = s.get("/api/v1/reports/acme/2026-10.pdf").body();

    MimeMessage m = awaitReports(1).get(0);
    assertThat(m.getAllRecipients()).extracting(Object::toString)
        .containsExactly("dana@acme.example");
    Multipart mixed = (Multipart) m.getContent();
    Part attached = mixed.getBodyPart(mixed.getCount() - 1);
    assertThat(attached.getFileName()).isEqualTo("acme-2026-10.pdf");
    assertThat(attached.getInputStream().readAllBytes()).as("the archived PDF").isEqualTo(pdf);

    // Later rounds find the month archived: no second report, no second email.
    s.clock.advance(Duration.ofHours(2));
    s.server.clientRuns().runOnce();
    s.server.clientRuns().runOnce();
    assertThat(archived("acme")).hasSize(3);
    Thread.sleep(1000);
    assertThat(awaitReports(1)).hasSize(1);
    // Globex has no client channel: its report is archived all the same.
    assertThat(archived("globex")).contains("2026-10.pdf");
  }
}
