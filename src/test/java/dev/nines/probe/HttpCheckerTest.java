package dev.nines.probe;

import static dev.nines.probe.TestMonitors.get;
import static dev.nines.probe.TestMonitors.http;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.model.MonitorKind;
import dev.nines.model.MonitorSpec;
import dev.nines.testing.WallClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpCheckerTest {
  private final Checkers checkers = new Checkers();
  private final CountDownLatch release = new CountDownLatch(1);
  private final TestServer server = TestServer.http()
      .route("/healthz", x -> TestServer.respond(x, 200, "ok"))
      .route("/boom", x -> TestServer.respond(x, 500, "internal error"))
      .route("/created", x -> TestServer.respond(x, 201, ""))
      .route("/hang", x -> {
        TestServer.await(release);
        TestServer.respond(x, 200, "late");
      })
      .route("/slow", x -> {
        TestServer.sleep(150);
        TestServer.respond(x, 200, "slow");
      })
      .route("/old", x -> {
        x.getResponseHeaders().set("Location", "/healthz");
        TestServer.respond(x, 302, "");
      })
      .route("/echo", x -> TestServer.respond(x, 200, x.getRequestMethod() + " "
          + x.getRequestHeaders().getFirst("X-Probe") + " "
          + x.getRequestHeaders().getFirst("Content-Type") + " "
          + new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)))
      .route("/connection", x -> TestServer.respond(x, 200, "Connection: "
          + x.getRequestHeaders().getFirst("Connection")))
      .route("/chunked", x -> {
        x.sendResponseHeaders(200, 0);
        for (int i = 0; i < 50; i++) {
          x.getResponseBody().write(("part " + i + ";").getBytes(StandardCharsets.UTF_8));
          x.getResponseBody().flush();
        }
      })
      .route("/deep", x -> TestServer.json(x, 200,
          "{\"database\":\"ok\",\"courierGateway\":\"degraded\",\"queue\":{\"depth\":42},"
              + "\"orders\":[{\"id\":\"o-17\"}],\"note\":null}"));

  @AfterEach
  void stop() {
    release.countDown();
    server.close();
    checkers.close();
  }

  private CheckResult check(TestMonitors.Request request) {
    return checkers.check(http(request));
  }

  @Test
  void aHealthyEndpointPassesWithItsStatusAndTimings() {
    CheckResult r = check(get(server.url("/healthz")));

    assertThat(r.ok()).isTrue();
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.error()).isNull();
    assertThat(r.phases().dnsMillis()).as("no lookup needed for an IP literal").isEqualTo(0);
    assertThat(r.phases().connectMillis()).isGreaterThanOrEqualTo(0);
    assertThat(r.phases().tlsMillis()).as("no TLS over plain HTTP").isEqualTo(-1);
    assertThat(r.certificate()).isNull();
    assertThat(r.phases().firstByteMillis()).isPositive()
        .isLessThanOrEqualTo(r.phases().totalMillis());
  }

  @Test
  void aHostNameIsResolvedAndTheLookupTimed() {
    CheckResult r = check(get(server.localhostUrl("/healthz")));

    assertThat(r.ok()).isTrue();
    assertThat(r.phases().dnsMillis()).isGreaterThanOrEqualTo(0);
  }

  @Test
  void everyCheckOpensAFreshConnectionSoConnectIsMeasuredEveryTime() {
    check(get(server.url("/healthz")));

    CheckResult second = check(get(server.url("/healthz")));

    assertThat(second.ok()).isTrue();
    assertThat(second.phases().dnsMillis()).isEqualTo(0);
    assertThat(second.phases().connectMillis()).isGreaterThanOrEqualTo(0);
    assertThat(server.connections()).isEqualTo(2);
  }

  @Test
  void aFreshConnectionCheckAsksTheServerToCloseItSoTheServerKeepsTheTimeWait() {
    // Without it, a prober making a thousand connections a second to one host holds a
    // minute of TIME_WAIT sockets and runs out of local ports.
    assertThat(check(get(server.url("/connection")).contains("Connection: close")).error())
        .isNull();
    assertThat(checkers.check(TestMonitors.keepAlive(http(get(server.url("/connection"))
        .contains("Connection: Keep-Alive")))).error()).isNull();
  }

  @Test
  void aKeepAliveMonitorReusesItsConnectionAndMeasuresOnlyTheApplication() {
    MonitorSpec m = TestMonitors.keepAlive(http(get(server.url("/healthz"))));
    checkers.check(m);

    CheckResult second = checkers.check(m);

    assertThat(second.ok()).isTrue();
    assertThat(second.phases().connectMillis()).isEqualTo(-1);
    assertThat(server.connections()).isEqualTo(1);
  }

  @Test
  void anHttpsCheckReportsTheDaysLeftOnTheCertificateAndMeasuresTlsEveryTime()
      throws Exception {
    Instant notAfter = WallClock.now().plus(Duration.ofDays(90)).truncatedTo(
        java.time.temporal.ChronoUnit.SECONDS);
    try (Checkers at = new Checkers(() -> notAfter.minus(Duration.ofDays(40)));
        TestServer tls = TestServer.https(TestCertificates.serverContext(notAfter))
            .route("/", x -> TestServer.respond(x, 200, "secure"))) {
      MonitorSpec m = http(get(tls.url("/")).noTlsVerification());
      at.check(m);

      CheckResult second = at.check(m);

      assertThat(second.ok()).as(second.error()).isTrue();
      assertThat(second.certificate().daysLeft()).isEqualTo(40);
      assertThat(second.certificate().notAfter()).isEqualTo(notAfter);
      assertThat(second.phases().tlsMillis()).isPositive();
      assertThat(second.phases().connectMillis()).isGreaterThanOrEqualTo(0);
    }
  }

  @Test
  void aKeepAliveHttpsCheckThatReusesItsConnectionStillReportsTheCertificate()
      throws Exception {
    Instant notAfter = WallClock.now().plus(Duration.ofDays(90)).truncatedTo(
        java.time.temporal.ChronoUnit.SECONDS);
    try (Checkers at = new Checkers(() -> notAfter.minus(Duration.ofDays(40)));
        TestServer tls = TestServer.https(TestCertificates.serverContext(notAfter))
            .route("/", x -> TestServer.respond(x, 200, "secure"))) {
      MonitorSpec m = TestMonitors.keepAlive(http(get(tls.url("/")).noTlsVerification()));
      at.check(m);

      CheckResult second = at.check(m);

      assertThat(second.ok()).as(second.error()).isTrue();
      assertThat(second.phases().tlsMillis()).isEqualTo(-1);
      assertThat(second.certificate().daysLeft()).isEqualTo(40);
    }
  }

  @Test
  void aChunkedBodyAndABodyToTheEndOfTheConnectionAreReadWhole() throws IOException {
    assertThat(check(get(server.url("/chunked")).contains("part 0;").contains("part 49;")).error())
        .isNull();
    try (RawServer raw = new RawServer("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n"
        + "no length, up to the end")) {
      CheckResult r = check(get(raw.url("/")).contains("up to the end"));

      assertThat(r.error()).isNull();
      assertThat(r.phases().firstByteMillis()).isPositive();
    }
  }

  @Test
  void aServerErrorFailsWithItsStatus() {
    CheckResult r = check(get(server.url("/boom")));

    assertThat(r.ok()).isFalse();
    assertThat(r.status()).isEqualTo(500);
    assertThat(r.error()).isEqualTo("status 500: not accepted. Expected 200-399");
  }

  @Test
  void anExpectedStatusSetReplacesTheDefaultRange() {
    assertThat(check(get(server.url("/created")).expect(200, 201)).ok()).isTrue();
    assertThat(check(get(server.url("/healthz")).expect(201)).error())
        .isEqualTo("status 200: not accepted. Expected 201");
    assertThat(check(get(server.url("/boom")).expect(201, 200)).error())
        .isEqualTo("status 500: not accepted. Expected one of 200, 201");
  }

  @Test
  void aServerThatDoesNotAnswerTimesOutAtTheMonitorTimeout() {
    CheckResult r = checkers.check(http("api", get(server.url("/hang")), Duration.ofMillis(200)));

    assertThat(r.ok()).isFalse();
    assertThat(r.status()).isNull();
    assertThat(r.error()).isEqualTo("GET " + server.url("/hang")
        + ": timed out after 200 ms. Expected an answer within the timeout");
    assertThat(r.phases().totalMillis()).isBetween(190.0, 1_500.0);
  }

  @Test
  void aResponseSlowerThanMaxResponseTimeFails() {
    CheckResult r = check(get(server.url("/slow")).maxResponseTime(Duration.ofMillis(50)));

    assertThat(r.ok()).isFalse();
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.error()).matches("response time \\d+ ms: slower than maxResponseTime\\. "
        + "Expected at most 50 ms");
    assertThat(check(get(server.url("/slow")).maxResponseTime(Duration.ofSeconds(2))).ok())
        .isTrue();
  }

  @Test
  void aConnectionClosedMidResponseFails() throws IOException {
    try (RawServer raw = new RawServer(
        "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly part of it")) {
      CheckResult r = check(get(raw.url("/")));

      assertThat(r.ok()).isFalse();
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.error()).isEqualTo("GET " + raw.url("/")
          + ": ProtocolException (unexpected end of stream). Expected a complete response");
    }
  }

  @Test
  void aConnectionClosedBeforeAnyResponseFails() throws IOException {
    try (RawServer raw = new RawServer("")) {
      CheckResult r = check(get(raw.url("/")));

      assertThat(r.ok()).isFalse();
      assertThat(r.status()).isNull();
      assertThat(r.error()).isEqualTo("GET " + raw.url("/") + ": ProtocolException (the server "
          + "closed the connection before answering). Expected a complete response");
    }
  }

  @Test
  void aRefusedConnectionFails() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port + "/";

    CheckResult r = check(get(url));

    assertThat(r.ok()).isFalse();
    assertThat(r.error()).isEqualTo("GET " + url + ": connection refused (Failed to connect to "
        + "/127.0.0.1:" + port + "). Expected a server that accepts connections");
  }

  @Test
  void redirectsAreFollowedUnlessTurnedOff() {
    assertThat(check(get(server.url("/old"))).status()).isEqualTo(200);
    assertThat(check(get(server.url("/old")).noRedirects()).status()).isEqualTo(302);
    assertThat(check(get(server.url("/old")).noRedirects().expect(200)).error())
        .isEqualTo("status 302: not accepted. Expected 200");
  }

  @Test
  void theMethodHeadersAndBodyAreSent() {
    TestMonitors.Request post = get(server.url("/echo")).method("POST", "{\"a\":1}")
        .header("X-Probe", "yes").header("Content-Type", "application/json")
        .contains("POST yes application/json {\"a\":1}");

    assertThat(check(post).error()).isNull();
    assertThat(checkers.check(TestMonitors.keepAlive(http(post))).error())
        .as("the same over a kept-alive connection").isNull();
  }

  @Test
  void passingAssertionsPass() {
    CheckResult r = check(get(server.url("/deep")).contains("\"database\":\"ok\"")
        .regex("depth\"?:\\s*\\d+").jsonPath("$.database", "ok").jsonPath("$.queue.depth", "42")
        .jsonPath("$.orders[0].id", "o-17").jsonPath("$['queue']", "{\"depth\":42}")
        .jsonPath("$.orders[0]", null));

    assertThat(r.error()).isNull();
    assertThat(r.ok()).isTrue();
  }

  @Test
  void everyFailedAssertionIsReportedInOnePass() {
    CheckResult r = check(get(server.url("/deep")).contains("Frequently asked")
        .regex("status\":\\s*\"up").jsonPath("$.courierGateway", "ok")
        .jsonPath("$.orders[1].id", null).jsonPath("$.note", null).jsonPath("$..id", null));

    assertThat(r.ok()).isFalse();
    assertThat(r.error().split("; ")).containsExactly(
        "body: does not contain 'Frequently asked'. Expected a body that contains it",
        "body: no match for /status\":\\s*\"up/. Expected a body that matches it",
        "$.courierGateway: is 'degraded'. Expected 'ok'",
        "$.orders[1].id: missing. Expected a value",
        "$.note: is null. Expected a value",
        "'$..id' is not a supported JSON path. Expected $ followed by .name, ['name'] or "
            + "[index] steps, e.g. $.orders[0].id");
  }

  @Test
  void aJsonPathOnABodyThatIsNotJsonFails() {
    CheckResult r = check(get(server.url("/healthz")).jsonPath("$.status", "up"));

    assertThat(r.error()).startsWith("body: not JSON (Unrecognized token 'ok'")
        .endsWith("). Expected a JSON document for $.status");
  }

  @Test
  void tlsVerificationCanBeTurnedOffForASelfSignedServer() throws Exception {
    try (TestServer tls = TestServer.https(TestCertificates.serverContext(
        WallClock.now().plus(Duration.ofDays(90))))
        .route("/", x -> TestServer.respond(x, 200, "secure"))) {
      CheckResult verified = check(get(tls.url("/")));
      CheckResult unverified = check(get(tls.url("/")).noTlsVerification().contains("secure"));

      assertThat(verified.ok()).isFalse();
      assertThat(verified.error()).startsWith("GET " + tls.url("/") + ": TLS failed (")
          .endsWith("). Expected a valid TLS handshake");
      assertThat(unverified.error()).isNull();
      assertThat(unverified.phases().tlsMillis()).isPositive();
    }
  }

  @Test
  void anHttpMonitorWithoutARequestFailsAsData() {
    MonitorSpec m = TestMonitors.target(MonitorKind.HTTP, null, Duration.ofSeconds(1), 0, 0);

    assertThat(checkers.check(m).error()).isEqualTo("target: no request. Expected a request for "
        + "an http monitor");
  }

  @Test
  void anInterruptedCheckFailsAsDataAndKeepsTheInterrupt() {
    Thread.currentThread().interrupt();

    CheckResult r = check(get(server.url("/healthz")));

    assertThat(Thread.interrupted()).isTrue();
    assertThat(r.ok()).isFalse();
    assertThat(r.error()).isEqualTo("GET " + server.url("/healthz") + ": interrupted. Expected "
        + "the check to run to its end");
  }
}
