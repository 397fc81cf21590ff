package dev.nines.probe;

import static dev.nines.probe.TestMonitors.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.nines.model.MonitorSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A logistics target that keeps state: orders, courier assignments and tracking ids. */
class JourneyCheckerTest {
  private static final Pattern ORDER_ID = Pattern.compile("\"orderId\": \"([^\"]+)\"");

  private final Map<String, String> trackingToOrder = new ConcurrentHashMap<>();
  private final List<String> assignBodies = new CopyOnWriteArrayList<>();
  private final AtomicReference<String> orders = new AtomicReference<>("[{\"id\": \"o-17\"}]");
  private final AtomicInteger trackStatus = new AtomicInteger(200);
  private final CountDownLatch release = new CountDownLatch(1);
  private volatile boolean assignHangs;
  private final Checkers checkers = new Checkers();
  private final TestServer server = TestServer.http()
      .route("/fetch-orders", x -> TestServer.json(x, 200, "{\"orders\": " + orders.get() + "}"))
      .route("/assign-courier", x -> {
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        assignBodies.add(body);
        if (assignHangs) {
          TestServer.await(release);
        }
        Matcher m = ORDER_ID.matcher(body);
        if (!m.find()) {
          TestServer.json(x, 400, "{\"error\": \"no orderId\"}");
          return;
        }
        String tracking = "t-" + m.group(1);
        trackingToOrder.put(tracking, m.group(1));
        TestServer.json(x, 201, "{\"trackingId\": \"" + tracking + "\"}");
      })
      .route("/track-delivery/", x -> {
        String tracking = x.getRequestURI().getPath().substring("/track-delivery/".length());
        if (!trackingToOrder.containsKey(tracking)) {
          TestServer.json(x, 404, "{\"error\": \"unknown tracking id\"}");
        } else {
          TestServer.json(x, trackStatus.get(), "{\"status\": \"assigned\", \"order\": \""
              + trackingToOrder.get(tracking) + "\"}");
        }
      });

  @AfterEach
  void stop() {
    release.countDown();
    server.close();
    checkers.close();
  }

  private MonitorSpec journey(Duration timeout, Duration budget) {
    return TestMonitors.journey(timeout, budget,
        get(server.url("/fetch-orders?limit=1")).named("fetch-order").expect(200)
            .extract("orderId", "$.orders[0].id"),
        get(server.url("/assign-courier")).named("assign-courier")
            .method("POST", "{\"orderId\": \"${orderId}\", \"courier\": \"probe-courier\"}")
            .header("Content-Type", "application/json").expect(200, 201)
            .extract("trackingId", "$.trackingId"),
        get(server.url("/track-delivery/${trackingId}")).named("track").expect(200)
            .jsonPath("$.status", null).jsonPath("$.order", "o-17"));
  }

  private CheckResult run() {
    return checkers.check(journey(Duration.ofSeconds(2), Duration.ofSeconds(2)));
  }

  @Test
  void valuesExtractedFromOneStepAreCarriedIntoLaterSteps() {
    CheckResult r = run();

    assertThat(r.error()).isNull();
    assertThat(r.ok()).isTrue();
    assertThat(assignBodies).containsExactly(
        "{\"orderId\": \"o-17\", \"courier\": \"probe-courier\"}");
    assertThat(r.steps()).extracting(StepAttempt::name, StepAttempt::ok, StepAttempt::status)
        .containsExactly(
            tuple("fetch-order", true, 200),
            tuple("assign-courier", true, 201),
            tuple("track", true, 200));
    assertThat(r.steps()).allSatisfy(s -> assertThat(s.phases().totalMillis()).isPositive());
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.failedStep()).isNull();
  }

  @Test
  void theFirstFailingStepIsNamedAndLaterStepsDoNotRun() {
    trackStatus.set(503);

    CheckResult r = run();

    assertThat(r.ok()).isFalse();
    assertThat(r.failedStep()).isEqualTo("track");
    assertThat(r.error()).isEqualTo("step track: status 503: not accepted. Expected 200");
    assertThat(r.status()).isEqualTo(503);
  }

  @Test
  void aValueThatCannotBeExtractedFailsTheStepThatShouldProvideIt() {
    orders.set("[]");

    CheckResult r = run();

    assertThat(r.error()).isEqualTo("step fetch-order: $.orders[0].id: missing. Expected a "
        + "value to extract as orderId");
    assertThat(r.steps()).extracting(StepAttempt::name).containsExactly("fetch-order");
    assertThat(assignBodies).isEmpty();
  }

  @Test
  void aReferenceToAValueNoStepExtractedFailsBeforeSending() {
    MonitorSpec m = TestMonitors.journey(Duration.ofSeconds(2), Duration.ofSeconds(2),
        get(server.url("/track-delivery/${parcel}")).named("track"));

    CheckResult r = checkers.check(m);

    assertThat(r.error()).isEqualTo("step track: ${parcel}: not set. Expected a value extracted "
        + "by an earlier step");
    assertThat(r.steps().get(0).status()).isNull();
  }

  @Test
  void aRunOverItsBudgetFailsWithoutAFailedStep() {
    CheckResult r = checkers.check(journey(Duration.ofSeconds(2), Duration.ofNanos(1)));

    assertThat(r.ok()).isFalse();
    assertThat(r.failedStep()).isNull();
    assertThat(r.error()).matches("journey: took \\d+ ms\\. Expected at most 0 ms \\(the budget\\)");
  }

  @Test
  void theMonitorTimeoutBoundsTheWholeRun() {
    assignHangs = true;

    CheckResult r = checkers.check(journey(Duration.ofMillis(300), Duration.ofSeconds(1)));

    assertThat(r.failedStep()).isEqualTo("assign-courier");
    assertThat(r.error()).matches("step assign-courier: POST " + Pattern.quote(
        server.url("/assign-courier")) + ": timed out after \\d+ ms\\. Expected an answer within "
        + "the timeout");
    assertThat(r.phases().totalMillis()).isBetween(290.0, 1_500.0);
  }

  @Test
  void aJourneyWithoutStepsFailsAsData() {
    CheckResult r = checkers.check(TestMonitors.journey(Duration.ofSeconds(1),
        Duration.ofSeconds(1)));

    assertThat(r.error()).isEqualTo("order-to-tracking: no steps. Expected at least one step in "
        + "a journey");
  }
}
