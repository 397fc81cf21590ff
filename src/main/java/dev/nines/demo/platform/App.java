package dev.nines.demo.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The logistics app (layer {@code api}): sellers sign in, fetch orders from the shop, assign
 * couriers and track deliveries; the courier partner pushes status scans to its webhook.
 * {@code /healthz} is shallow (a static answer); {@code /healthz/deep} touches the simulated
 * database and calls the courier gateway. It reports each request it answers, and each status
 * update it processes with the scan time and its processing time (for the freshness SLO).
 * {@link #stop()} takes it down (its port refuses connections) and {@link #start()} brings it
 * back on the same port.
 */
public final class App implements AutoCloseable {
  /** The layer this app is in the spec. */
  public static final String LAYER = "api";
  static final String DASHBOARD_CACHE = "public, max-age=30, stale-if-error=86400";
  static final String FAQ_CACHE = "public, max-age=300, stale-if-error=86400";
  static final String BANNER_CACHE = "public, max-age=60, stale-if-error=86400";
  private static final int MAX_TRACKED = 100_000;

  private final URI shop;
  private final CourierGateway courier;
  private final EventSink events;
  private final HttpClient http;
  private final Clock clock;
  private final Map<String, Map<String, Object>> deliveries = new ConcurrentHashMap<>();
  private final Map<String, String> sessions = new ConcurrentHashMap<>();
  private int port;
  private HttpServer server;

  public App(URI shop, CourierGateway courier, EventSink events, HttpClient http, Clock clock)
      throws IOException {
    this.shop = shop;
    this.courier = courier;
    this.events = events;
    this.http = http;
    this.clock = clock;
    start();
  }

  /** Starts serving (again): on a free port the first time, then on the same port. */
  public synchronized void start() throws IOException {
    if (server == null) {
      server = Http.serve(port, this::handle);
      port = server.getAddress().getPort();
    }
  }

  /** Takes the app down: the listener closes, connections to it are refused. */
  public synchronized void stop() {
    if (server != null) {
      Http.stop(server);
      server = null;
    }
  }

  public synchronized boolean up() {
    return server != null;
  }

  public synchronized URI uri() {
    return URI.create("http://127.0.0.1:" + port);
  }

  private void handle(HttpExchange ex) throws IOException {
    Instant start = clock.instant();
    long t0 = System.nanoTime();
    String path = ex.getRequestURI().getPath();
    int status;
    try {
      status = route(ex, path, ex.getRequestMethod());
    } catch (RuntimeException e) {
      status = 500;
      Http.error(ex, 500, "app: " + e);
    }
    events.report(HopEvent.request(LAYER, Endpoints.of(path), status,
        (System.nanoTime() - t0) / 1_000_000, start));
  }

  private int route(HttpExchange ex, String path, String method) throws IOException {
    if (path.startsWith("/track-delivery/")) {
      return method.equals("GET") ? track(ex, path.substring("/track-delivery/".length()))
          : notAllowed(ex, "GET");
    }
    return switch (path) {
      case "/healthz" -> {
        Http.text(ex, 200, "ok");
        yield 200;
      }
      case "/healthz/deep" -> deepHealth(ex);
      case "/login" -> method.equals("POST") ? login(ex) : notAllowed(ex, "POST");
      case "/dashboard" -> cached(ex, "text/html; charset=utf-8", DASHBOARD_CACHE,
          "<!doctype html><title>Acme Logistics</title><h1>Seller dashboard</h1>"
              + "<p>Orders, couriers and deliveries.</p>");
      case "/faq" -> cached(ex, "text/html; charset=utf-8", FAQ_CACHE,
          "<!doctype html><title>FAQ</title><h1>Frequently asked questions</h1>"
              + "<p>How do I assign a courier? Pick an order, then a courier partner.</p>");
      case "/get-banner" -> cached(ex, "application/json", BANNER_CACHE,
          "{\"banner\": \"Courier pick-ups until 18:00 today\"}");
      case "/fetch-orders" -> method.equals("GET") ? fetchOrders(ex) : notAllowed(ex, "GET");
      case "/assign-courier" -> method.equals("POST") ? assign(ex) : notAllowed(ex, "POST");
      case "/courier/updates" -> method.equals("POST") ? updates(ex) : notAllowed(ex, "POST");
      default -> {
        Http.error(ex, 404, path + ": not found");
        yield 404;
      }
    };
  }

  private static int notAllowed(HttpExchange ex, String allowed) throws IOException {
    ex.getResponseHeaders().set("Allow", allowed);
    Http.error(ex, 405, ex.getRequestMethod() + ": not allowed. Expected " + allowed);
    return 405;
  }

  private static int cached(HttpExchange ex, String type, String cacheControl, String body)
      throws IOException {
    Latency.spend(2, 15);
    Http.send(ex, 200, type, body.getBytes(StandardCharsets.UTF_8),
        Map.of("Cache-Control", cacheControl));
    return 200;
  }

  private int deepHealth(HttpExchange ex) throws IOException {
    Map<String, Object> o = new LinkedHashMap<>();
    Latency.spend(1, 6);                     // a query on the simulated database
    o.put("database", "ok");
    try {
      courier.ping();
      o.put("courierGateway", "ok");
    } catch (CourierGateway.CourierException e) {
      o.put("courierGateway", "error: " + e.getMessage());
    }
    int status = "ok".equals(o.get("courierGateway")) ? 200 : 503;
    Http.json(ex, status, o);
    return status;
  }

  private int login(HttpExchange ex) throws IOException {
    JsonNode body = jsonBody(ex);
    String seller = body == null ? "" : body.path("seller").asText("");
    if (seller.isBlank() || body.path("password").asText("").isBlank()) {
      Http.error(ex, 400, "body: seller and password are required");
      return 400;
    }
    Latency.spend(20, 60);                   // checking the password hash
    String token = UUID.randomUUID().toString();
    if (sessions.size() > 10_000) {
      sessions.clear();
    }
    sessions.put(token, seller);
    Http.json(ex, 200, Map.of("token", token, "seller", seller));
    return 200;
  }

  private int fetchOrders(HttpExchange ex) throws IOException {
    String query = ex.getRequestURI().getRawQuery();
    Latency.spend(5, 20);
    HttpRequest r = HttpRequest.newBuilder(shop.resolve("/admin/api/orders.json"
        + (query == null ? "" : "?" + query))).timeout(Duration.ofSeconds(10)).GET().build();
    try {
      HttpResponse<byte[]> answer = http.send(r, HttpResponse.BodyHandlers.ofByteArray());
      if (answer.statusCode() != 200) {
        Http.error(ex, 502, "shop: answered " + answer.statusCode());
        return 502;
      }
      List<Map<String, Object>> orders = new ArrayList<>();
      for (JsonNode o : Http.JSON.readTree(answer.body()).path("orders")) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("id", "SHP-" + o.path("id").asText());
        x.put("name", o.path("name").asText());
        x.put("total", o.path("total_price").asText());
        x.put("items", o.path("line_items").size());
        orders.add(x);
      }
      Http.json(ex, 200, Map.of("orders", orders));
      return 200;
    } catch (HttpTimeoutException e) {
      Http.error(ex, 504, "shop: no answer within 10 s");
      return 504;
    } catch (IOException e) {
      Http.error(ex, 502, "shop: unreachable (" + e.getMessage() + ")");
      return 502;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      Http.error(ex, 503, "app: shutting down");
      return 503;
    }
  }

  private int assign(HttpExchange ex) throws IOException {
    JsonNode body = jsonBody(ex);
    String order = body == null ? "" : body.path("orderId").asText("");
    if (order.isBlank()) {
      Http.error(ex, 400, "orderId: is required");
      return 400;
    }
    String carrier = body.path("courier").asText("dhl");
    try {
      String trackingId = courier.assign(order, carrier);
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("trackingId", trackingId);
      d.put("orderId", order);
      d.put("courier", carrier);
      d.put("status", "assigned");
      d.put("updatedAt", clock.instant().toString());
      if (deliveries.size() < MAX_TRACKED) {
        deliveries.put(trackingId, d);
      }
      Http.json(ex, 200, d);
      return 200;
    } catch (CourierGateway.CourierException e) {
      Http.error(ex, 502, e.getMessage());
      return 502;
    }
  }

  private int track(HttpExchange ex, String id) throws IOException {
    Latency.spend(3, 25);
    Map<String, Object> d = deliveries.get(id);
    if (d == null) {
      Http.error(ex, 404, "tracking id '" + id + "': unknown");
      return 404;
    }
    Http.json(ex, 200, d);
    return 200;
  }

  /** The courier partner's push: stores each scan and reports how late it was processed. */
  private int updates(HttpExchange ex) throws IOException {
    JsonNode body = jsonBody(ex);
    if (body == null || !body.path("updates").isArray()) {
      Http.error(ex, 400, "updates: is required. Expected {\"updates\": [...]}");
      return 400;
    }
    for (JsonNode u : body.path("updates")) {
      long t0 = System.nanoTime();
      Instant scanned;
      try {
        scanned = Instant.parse(u.path("scannedAt").asText());
      } catch (java.time.DateTimeException e) {
        continue;
      }
      String status = u.path("status").asText();
      // Replaced, never changed in place: a concurrent GET may be writing the old one.
      deliveries.computeIfPresent(u.path("trackingId").asText(), (k, old) -> {
        Map<String, Object> d = new LinkedHashMap<>(old);
        d.put("status", status);
        d.put("updatedAt", scanned.toString());
        return d;
      });
      events.report(new HopEvent("/track-delivery", 200, (System.nanoTime() - t0) / 1_000_000,
          scanned, clock.instant(), false, LAYER));
    }
    Http.json(ex, 202, Map.of("accepted", body.path("updates").size()));
    return 202;
  }

  private static JsonNode jsonBody(HttpExchange ex) throws IOException {
    byte[] b = Http.body(ex);
    try {
      return b.length == 0 ? null : Http.JSON.readTree(b);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return null;
    }
  }

  @Override public void close() {
    stop();
  }
}
