package dev.nines.ingest.prometheus;

import static dev.nines.ingest.prometheus.PromFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.nines.ingest.prometheus.PromSeries.Point;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The client against a real Prometheus (see {@link TestPrometheus}) and against broken servers. */
class PrometheusClientTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @Test
  @ExtendWith(TestPrometheus.Extension.class)
  void anInstantQueryGivesEverySeriesAtThatTime(TestPrometheus prom) throws Exception {
    List<PromSeries> result = new PrometheusClient(prom.url(), TIMEOUT)
        .instant("http_requests_total", T0.plusSeconds(120));
    assertThat(result).containsExactlyInAnyOrder(
        new PromSeries(Map.of("__name__", "http_requests_total", "code", "200"),
            List.of(new Point(T0.getEpochSecond() + 120, 40))),
        new PromSeries(Map.of("__name__", "http_requests_total", "code", "500"),
            List.of(new Point(T0.getEpochSecond() + 120, 4))));
  }

  @Test
  @ExtendWith(TestPrometheus.Extension.class)
  void aRangeQueryGivesOnePointPerStep(TestPrometheus prom) throws Exception {
    long t0 = T0.getEpochSecond();
    List<PromSeries> result = new PrometheusClient(prom.url(), TIMEOUT)
        .range("sum(http_requests_total)", T0, T0.plusSeconds(180), Duration.ofMinutes(1));
    assertThat(result).containsExactly(new PromSeries(Map.of(), List.of(new Point(t0, 0),
        new Point(t0 + 60, 20), new Point(t0 + 120, 44), new Point(t0 + 180, 60))));
  }

  @Test
  @ExtendWith(TestPrometheus.Extension.class)
  void aScalarIsOneSeriesWithoutLabels(TestPrometheus prom) throws Exception {
    assertThat(new PrometheusClient(prom.url(), TIMEOUT).instant("2.5", T0))
        .containsExactly(new PromSeries(Map.of(), List.of(new Point(T0.getEpochSecond(), 2.5))));
  }

  @Test
  @ExtendWith(TestPrometheus.Extension.class)
  void aBadQueryReportsPrometheusOwnError(TestPrometheus prom) {
    assertThatThrownBy(() -> new PrometheusClient(prom.url(), TIMEOUT)
        .instant("sum(rate(http_requests_total[1m])", T0))
        .isInstanceOf(PrometheusException.class)
        .hasMessage("sum(rate(http_requests_total[1m]): Prometheus rejected the query: invalid "
            + "parameter \"query\": 1:34: parse error: unclosed left parenthesis");
  }

  @Test
  void anUnreachablePrometheusIsReportedAsSuch() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    URI url = URI.create("http://127.0.0.1:" + port);
    assertThatThrownBy(() -> new PrometheusClient(url, TIMEOUT).instant("up", T0))
        .isInstanceOf(PrometheusException.class)
        .hasMessage("Prometheus at " + url + " is unreachable: connection refused. Expected its "
            + "HTTP API to answer at that URL");
  }

  @Test
  void anUnknownHostIsReportedAsSuch() {
    URI url = URI.create("http://prometheus.invalid:9090");
    assertThatThrownBy(() -> new PrometheusClient(url, TIMEOUT).instant("up", T0))
        .isInstanceOf(PrometheusException.class)
        .hasMessage("Prometheus at " + url + " is unreachable: unknown host. Expected its HTTP "
            + "API to answer at that URL");
  }

  @Test
  void aPrometheusThatDoesNotAnswerInTimeIsReported() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      URI url = URI.create("http://127.0.0.1:" + silent.getLocalPort());
      assertThatThrownBy(() -> new PrometheusClient(url, Duration.ofMillis(300)).instant("up", T0))
          .isInstanceOf(PrometheusException.class)
          .hasMessage("Prometheus at " + url + " did not answer within 300 ms. Expected an answer "
              + "within the query timeout");
    }
  }

  @Test
  void aServerThatIsNotPrometheusIsReported() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      byte[] body = "<html>not here</html>".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(404, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    try {
      URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
      assertThatThrownBy(() -> new PrometheusClient(url, TIMEOUT).instant("up", T0))
          .isInstanceOf(PrometheusException.class)
          .hasMessage("Prometheus at " + url + " answered HTTP 404 without an API response. "
              + "Expected the base URL of a Prometheus server, e.g. http://localhost:9090");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aRangeOfMoreThan11000PointsIsRefusedBeforeAsking() {
    PrometheusClient client = new PrometheusClient(URI.create("http://127.0.0.1:1"), TIMEOUT);
    assertThatThrownBy(() -> client.range("up", T0, T0.plus(Duration.ofMinutes(11_000)),
        Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("2025-01-01T00:00:00Z..2025-01-08T15:20:00Z: 11001 points of 60 s. "
            + "Expected 1 to 11000 points per request");
  }

  @Test
  void aUrlWithoutSchemeIsRefused() {
    assertThatThrownBy(() -> PrometheusClient.parseUrl("localhost:9090"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'localhost:9090' is not an HTTP URL. Expected the base URL of a Prometheus "
            + "server, e.g. http://localhost:9090");
  }

  @Test
  void prometheusSpecialValuesAreParsed() {
    assertThat(PrometheusClient.value("NaN")).isNaN();
    assertThat(PrometheusClient.value("+Inf")).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(PrometheusClient.value("-Inf")).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(PrometheusClient.value("0.25")).isEqualTo(0.25);
  }
}
