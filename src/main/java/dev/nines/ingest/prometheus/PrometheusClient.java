package dev.nines.ingest.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A client of the Prometheus HTTP API: instant queries ({@code /api/v1/query}) at a time and
 * range queries ({@code /api/v1/query_range}). Every failure becomes a
 * {@link PrometheusException} whose message says what went wrong in a user's words.
 */
public final class PrometheusClient implements AutoCloseable {
  /** How long a query may take unless told otherwise. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  /** Prometheus refuses range queries with more points than this per series. */
  public static final int MAX_POINTS = 11_000;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private final URI baseUrl;
  private final Duration timeout;
  private final HttpClient http;

  /**
   * A client of the Prometheus at {@code baseUrl}.
   *
   * @param timeout how long one query may take, connecting included
   */
  public PrometheusClient(URI baseUrl, Duration timeout) {
    this.baseUrl = baseUrl;
    this.timeout = timeout;
    Duration connect = timeout.compareTo(MAX_CONNECT_TIMEOUT) < 0 ? timeout : MAX_CONNECT_TIMEOUT;
    this.http = HttpClient.newBuilder().connectTimeout(connect).build();
  }

  /** Stops the client's threads once queries under way have ended. */
  @Override public void close() {
    http.close();
  }

  /**
   * The base URL of a Prometheus server as a user writes it, e.g. {@code http://prom:9090}.
   *
   * @throws IllegalArgumentException when it is not an absolute HTTP(S) URL
   */
  public static URI parseUrl(String text) {
    try {
      URI uri = new URI(text.strip());
      String scheme = uri.getScheme();
      if (("http".equals(scheme) || "https".equals(scheme)) && uri.getHost() != null) {
        return uri;
      }
    } catch (java.net.URISyntaxException e) {
      // reported below
    }
    throw new IllegalArgumentException("'" + text + "' is not an HTTP URL. Expected the base URL "
        + "of a Prometheus server, e.g. http://localhost:9090");
  }

  public URI baseUrl() {
    return baseUrl;
  }

  /** The value of every series of {@code query} evaluated at {@code at} (whole seconds). */
  public List<PromSeries> instant(String query, Instant at) throws PrometheusException {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("query", query);
    form.put("time", Long.toString(at.getEpochSecond()));
    return series(query, post("/api/v1/query", query, form));
  }

  /**
   * The values of every series of {@code query} at {@code start}, {@code start + step}, ...
   * up to {@code end} inclusive.
   *
   * @throws IllegalArgumentException when that is more than {@link #MAX_POINTS} points
   */
  public List<PromSeries> range(String query, Instant start, Instant end, Duration step)
      throws PrometheusException {
    long points = (end.getEpochSecond() - start.getEpochSecond()) / step.toSeconds() + 1;
    if (points > MAX_POINTS || points < 1) {
      throw new IllegalArgumentException(start + ".." + end + ": " + points + " points of "
          + step.toSeconds() + " s. Expected 1 to " + MAX_POINTS + " points per request");
    }
    Map<String, String> form = new LinkedHashMap<>();
    form.put("query", query);
    form.put("start", Long.toString(start.getEpochSecond()));
    form.put("end", Long.toString(end.getEpochSecond()));
    form.put("step", step.toSeconds() + "s");
    return series(query, post("/api/v1/query_range", query, form));
  }

  private JsonNode post(String path, String query, Map<String, String> form)
      throws PrometheusException {
    form.put("timeout", timeout.toMillis() + "ms");
    StringJoiner body = new StringJoiner("&");
    form.forEach((k, v) -> body.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    String base = baseUrl.toString().replaceAll("/+$", "");
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
    HttpResponse<String> response = send(request);
    JsonNode answer = parse(response);
    if (!"success".equals(answer.path("status").asText())) {
      throw rejected(query, answer);
    }
    return answer.path("data");
  }

  private HttpResponse<String> send(HttpRequest request) throws PrometheusException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (HttpConnectTimeoutException e) {
      throw unreachable("no connection within " + http.connectTimeout().orElseThrow().toMillis()
          + " ms", e);
    } catch (HttpTimeoutException e) {
      throw new PrometheusException("Prometheus at " + baseUrl + " did not answer within "
          + timeout.toMillis() + " ms. Expected an answer within the query timeout", e);
    } catch (IOException e) {
      throw unreachable(describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PrometheusException("query to Prometheus at " + baseUrl + " was interrupted", e);
    }
  }

  /** Why a connection failed, in words: the JDK's exceptions often carry no message. */
  private static String describe(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnresolvedAddressException) {
        return "unknown host";
      }
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return t.getMessage();
      }
    }
    return e instanceof ConnectException ? "connection refused" : e.getClass().getSimpleName();
  }

  private PrometheusException unreachable(String why, Exception cause) {
    return new PrometheusException("Prometheus at " + baseUrl + " is unreachable: " + why
        + ". Expected its HTTP API to answer at that URL", cause);
  }

  private JsonNode parse(HttpResponse<String> response) throws PrometheusException {
    try {
      JsonNode answer = JSON.readTree(response.body());
      if (answer != null && answer.has("status")) {
        return answer;
      }
    } catch (IOException e) {
      // not the API: reported below
    }
    throw new PrometheusException("Prometheus at " + baseUrl + " answered HTTP "
        + response.statusCode() + " without an API response. Expected the base URL of a "
        + "Prometheus server, e.g. http://localhost:9090");
  }

  private static PrometheusException rejected(String query, JsonNode answer) {
    String type = answer.path("errorType").asText("unknown");
    String error = answer.path("error").asText("no error text");
    String what = "bad_data".equals(type) ? "Prometheus rejected the query"
        : "Prometheus failed to evaluate the query (" + type + ")";
    return new PrometheusException(query + ": " + what + ": " + error);
  }

  private static List<PromSeries> series(String query, JsonNode data) throws PrometheusException {
    String type = data.path("resultType").asText();
    JsonNode result = data.path("result");
    List<PromSeries> out = new ArrayList<>();
    switch (type) {
      case "scalar" -> out.add(new PromSeries(Map.of(), List.of(point(result))));
      case "vector" -> result.forEach(s -> out.add(
          new PromSeries(labels(s.path("metric")), List.of(point(s.path("value"))))));
      case "matrix" -> result.forEach(s -> out.add(
          new PromSeries(labels(s.path("metric")), points(s.path("values")))));
      default -> throw new PrometheusException(query + ": Prometheus returned a " + type
          + " result. Expected a number per series (a vector, matrix or scalar)");
    }
    return out;
  }

  private static Map<String, String> labels(JsonNode metric) {
    Map<String, String> labels = new HashMap<>();
    metric.properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
    return labels;
  }

  private static List<PromSeries.Point> points(JsonNode values) {
    List<PromSeries.Point> points = new ArrayList<>(values.size());
    values.forEach(v -> points.add(point(v)));
    return points;
  }

  private static PromSeries.Point point(JsonNode pair) {
    return new PromSeries.Point(Math.round(pair.get(0).asDouble()), value(pair.get(1).asText()));
  }

  /** A sample value as Prometheus writes it: a decimal, NaN, +Inf or -Inf. */
  static double value(String text) {
    return switch (text) {
      case "NaN" -> Double.NaN;
      case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(text);
    };
  }
}
