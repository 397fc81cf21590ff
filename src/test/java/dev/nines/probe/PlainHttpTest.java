package dev.nines.probe;

import static dev.nines.probe.TestMonitors.get;
import static dev.nines.probe.TestMonitors.http;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.model.MonitorSpec;
import dev.nines.testing.WallClock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Plain-HTTP checks on the I/O loop: started without a thread, redirects as OkHttp's. */
class PlainHttpTest {
  private final Checkers checkers = new Checkers();
  private final CountDownLatch release = new CountDownLatch(1);
  private final TestServer server = TestServer.http()
      .route("/healthz", x -> TestServer.respond(x, 200, "ok"))
      .route("/hang", x -> {
        TestServer.await(release);
        TestServer.respond(x, 200, "late");
      })
      .route("/loop", x -> {
        x.getResponseHeaders().set("Location", "/loop");
        TestServer.respond(x, 302, "");
      })
      .route("/see-other", x -> {
        x.getResponseHeaders().set("Location", "/method");
        TestServer.respond(x, 303, "");
      })
      .route("/temporary", x -> {
        x.getResponseHeaders().set("Location", "/method");
        TestServer.respond(x, 307, "");
      })
      .route("/method", x -> TestServer.respond(x, 200, x.getRequestMethod() + " "
          + new String(x.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
          + " auth=" + x.getRequestHeaders().getFirst("Authorization")));

  @AfterEach
  void stop() {
    release.countDown();
    server.close();
    checkers.close();
  }

  @Test
  void aPlainHttpCheckStartsWithoutAThreadAndReportsOnTheLoop() throws Exception {
    CompletableFuture<CheckResult> done = new CompletableFuture<>();
    CompletableFuture<String> on = new CompletableFuture<>();

    Checker.Started s = checkers.start(http(get(server.url("/healthz"))), r -> {
      on.complete(Thread.currentThread().getName());
      done.complete(r);
    });

    assertThat(s).isNotNull();
    CheckResult r = done.get(5, TimeUnit.SECONDS);
    assertThat(r.ok()).as(r.error()).isTrue();
    assertThat(r.status()).isEqualTo(200);
    assertThat(on.get()).isEqualTo("nines-probe");
  }

  @Test
  void httpsAndKeptAliveChecksNeedAThread() {
    assertThat(checkers.start(http(get("https://127.0.0.1:1/")), r -> { })).isNull();
    assertThat(checkers.start(TestMonitors.keepAlive(http(get(server.url("/healthz")))),
        r -> { })).isNull();
  }

  @Test
  void aStoppedCheckReportsNothingAndItsConnectionIsClosed() throws Exception {
    CompletableFuture<CheckResult> done = new CompletableFuture<>();
    Checker.Started s = checkers.start(http("api", get(server.url("/hang")),
        Duration.ofMillis(300)), done::complete);

    s.stop();

    Thread.sleep(600); // past the timeout: a check still running would have reported by now
    assertThat(done).isNotDone();
  }

  @Test
  void aNameLookedUpLatelyIsNotLookedUpAgainAsTheJdkWouldAnswerFromItsCache() {
    MonitorSpec byName = http(get(server.localhostUrl("/healthz")));
    checkers.check(byName);

    CheckResult again = checkers.check(byName);

    assertThat(again.ok()).as(again.error()).isTrue();
    assertThat(again.phases().dnsMillis()).isZero();
  }

  @Test
  void aRedirectLoopEndsAfterTwentyFollowUps() {
    CheckResult r = checkers.check(http(get(server.url("/loop"))));

    assertThat(r.ok()).isFalse();
    assertThat(r.error()).isEqualTo("GET " + server.url("/loop") + ": ProtocolException (Too "
        + "many follow-up requests: 21). Expected a complete response");
  }

  @Test
  void seeOtherTurnsAPostIntoAGetAndTemporaryKeepsOnlyGets() {
    CheckResult seeOther = checkers.check(http(get(server.url("/see-other"))
        .method("POST", "order").contains("GET  auth=null")));
    CheckResult temporaryPost = checkers.check(http(get(server.url("/temporary"))
        .method("POST", "order")));
    CheckResult temporaryGet = checkers.check(http(get(server.url("/temporary"))
        .contains("GET  auth=null")));

    assertThat(seeOther.error()).isNull();
    assertThat(temporaryPost.status()).as("a POST is not sent again by a 307").isEqualTo(307);
    assertThat(temporaryGet.error()).isNull();
  }

  @Test
  void authorizationGoesToTheSameHostOnlyAndPhasesAddUpOverTheHops() {
    try (TestServer other = TestServer.http().route("/away", x -> {
      x.getResponseHeaders().set("Location", server.localhostUrl("/method"));
      TestServer.respond(x, 302, "");
    }).route("/here", x -> {
      x.getResponseHeaders().set("Location", "/method");
      TestServer.respond(x, 302, "");
    })) {
      CheckResult away = checkers.check(http(get(other.url("/away"))
          .header("Authorization", "Bearer s3cret").contains("auth=null")));
      CheckResult here = checkers.check(http(get(server.url("/see-other"))
          .header("Authorization", "Bearer s3cret").contains("auth=Bearer s3cret")));

      assertThat(away.error()).isNull();
      assertThat(here.error()).isNull();
      assertThat(away.phases().dnsMillis()).as("the lookup of the second hop")
          .isGreaterThanOrEqualTo(0);
      assertThat(away.phases().connectMillis()).isPositive();
      assertThat(away.phases().firstByteMillis()).isLessThanOrEqualTo(
          away.phases().totalMillis());
    }
  }

  @Test
  void aRedirectToHttpsGoesOnOverTls() throws Exception {
    try (TestServer tls = TestServer.https(TestCertificates.serverContext(
        WallClock.now().plus(Duration.ofDays(90))))
        .route("/", x -> TestServer.respond(x, 200, "secure"));
        TestServer plain = TestServer.http().route("/", x -> {
          x.getResponseHeaders().set("Location", tls.url("/"));
          TestServer.respond(x, 301, "");
        })) {
      MonitorSpec m = http(get(plain.url("/")).noTlsVerification().contains("secure"));

      CheckResult r = checkers.check(m);

      assertThat(r.error()).isNull();
      assertThat(r.phases().tlsMillis()).isPositive();
      assertThat(r.certificate()).isNotNull();
      assertThat(r.phases().connectMillis()).as("both hops' connects").isPositive();
    }
  }
}
