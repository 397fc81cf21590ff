package dev.nines.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.model.MonitorKind;
import dev.nines.testing.WallClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TlsExpiryCheckerTest {
  private static final Instant NOW = WallClock.now().truncatedTo(ChronoUnit.SECONDS);
  private static final Instant NOT_AFTER = NOW.plus(Duration.ofDays(5)).plus(Duration.ofHours(1));
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.https(TestCertificates.serverContext(NOT_AFTER))
        .route("/", x -> TestServer.respond(x, 200, "ok"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static CheckResult check(Instant now, int warnDays, int failDays) {
    try (Checkers checkers = new Checkers(InstantSource.fixed(now))) {
      return checkers.check(TestMonitors.target(MonitorKind.TLS, "localhost:" + server.port(),
          Duration.ofSeconds(2), warnDays, failDays));
    }
  }

  @Test
  void aCertificateExpiringInFiveDaysFailsBelowSevenFailDays() {
    CheckResult r = check(NOW, 21, 7);

    assertThat(r.ok()).isFalse();
    assertThat(r.error()).isEqualTo("certificate CN=localhost: expires in 5 days, on "
        + NOT_AFTER + ". Expected at least 7 days left");
    assertThat(r.certificate()).isEqualTo(new Certificate("CN=localhost", NOT_AFTER, 5));
    assertThat(r.phases().tlsMillis()).isPositive();
    assertThat(r.phases().connectMillis()).isGreaterThanOrEqualTo(0);
  }

  @Test
  void aCertificateBetweenFailAndWarnDaysPassesWithAWarning() {
    CheckResult r = check(NOW, 21, 3);

    assertThat(r.ok()).isTrue();
    assertThat(r.error()).isNull();
    assertThat(r.warning()).isEqualTo("certificate CN=localhost: expires in 5 days, on "
        + NOT_AFTER + ". Expected at least 21 days left");
    assertThat(r.certificate().daysLeft()).isEqualTo(5);
  }

  @Test
  void exactlyWarnDaysLeftIsNoWarning() {
    CheckResult r = check(NOW, 5, 3);

    assertThat(r.ok()).isTrue();
    assertThat(r.warning()).isNull();
  }

  @Test
  void anExpiredCertificateFailsEvenWithZeroFailDays() {
    Instant later = NOT_AFTER.plus(Duration.ofHours(1));

    CheckResult r = check(later, 0, 0);

    assertThat(r.ok()).isFalse();
    assertThat(r.error()).isEqualTo("certificate CN=localhost: expired on " + NOT_AFTER
        + ". Expected at least 0 days left");
    assertThat(r.certificate().daysLeft()).isEqualTo(-1);
  }

  @Test
  void aServerThatHangsUpDuringTheHandshakeFails() throws Exception {
    try (ServerSocket plain = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Checkers checkers = new Checkers()) {
      Thread.ofVirtual().start(() -> {
        try (Socket s = plain.accept()) {
          s.getInputStream().read();
        } catch (IOException e) {
          // The test is over.
        }
      });
      CheckResult r = checkers.check(TestMonitors.target(MonitorKind.TLS,
          "127.0.0.1:" + plain.getLocalPort(), Duration.ofSeconds(1), 21, 7));

      assertThat(r.ok()).isFalse();
      assertThat(r.error()).startsWith("TLS handshake 127.0.0.1:" + plain.getLocalPort()
          + ": TLS failed (").endsWith("). Expected a valid TLS handshake");
    }
  }
}
