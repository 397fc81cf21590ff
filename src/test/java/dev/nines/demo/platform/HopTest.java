package dev.nines.demo.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.nines.testing.FakeClock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HopTest {
  private final FakeClock clock = new FakeClock();
  private final List<HopEvent> events = new CopyOnWriteArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .build();
  private final AtomicInteger upstreamCalls = new AtomicInteger();
  private final AtomicReference<String> seen = new AtomicReference<>();
  private HttpServer upstream;
  private Hop hop;

  /** An upstream that answers 201 with what it saw, {@code Cache-Control} for /faq. */
  private URI startUpstream(long delayMillis) throws IOException {
    upstream = Http.serve(0, ex -> {
      upstreamCalls.incrementAndGet();
      String body = new String(Http.body(ex), StandardCharsets.UTF_8);
      seen.set(ex.getRequestMethod() + " " + ex.getRequestURI() + " " + body + " x-seller="
          + ex.getRequestHeaders().getFirst("X-Seller") + " xff="
          + ex.getRequestHeaders().getFirst("X-Forwarded-For"));
      try {
        Thread.sleep(delayMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (ex.getRequestURI().getPath().equals("/faq")) {
        Http.send(ex, 200, "text/html", "<h1>FAQ</h1>".getBytes(StandardCharsets.UTF_8),
            Map.of("Cache-Control", "public, max-age=300, stale-if-error=86400"));
      } else {
        Http.send(ex, 201, "application/json", "{\"ok\":true}".getBytes(StandardCharsets.UTF_8),
            Map.of("X-Upstream", "app"));
      }
    });
    return URI.create("http://127.0.0.1:" + upstream.getAddress().getPort());
  }

  @AfterEach
  void stop() {
    if (hop != null) {
      hop.close();
    }
    if (upstream != null) {
      Http.stop(upstream);
    }
    http.close();
  }

  /** The events once {@code n} arrived: a hop reports after its answer is on the wire. */
  private List<HopEvent> events(int n) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (events.size() < n && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    return List.copyOf(events);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(hop.uri().resolve(path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aHopForwardsTheRequestAndReportsWhatItAnsweredAtItsLayer() throws Exception {
    hop = new Hop("ingress", "ingress", startUpstream(0), Duration.ofSeconds(5), null,
        events::add, http, clock);
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(hop.uri().resolve(
        "/assign-courier?dry=1")).header("X-Seller", "seller-7")
        .POST(HttpRequest.BodyPublishers.ofString("{\"orderId\":\"SHP-1\"}")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(r.body()).isEqualTo("{\"ok\":true}");
    assertThat(r.headers().firstValue("X-Upstream")).hasValue("app");
    assertThat(r.headers().firstValue("Via")).hasValue("1.1 ingress");
    assertThat(seen.get()).isEqualTo("POST /assign-courier?dry=1 {\"orderId\":\"SHP-1\"} "
        + "x-seller=seller-7 xff=127.0.0.1");
    assertThat(events(1)).singleElement().satisfies(e -> {
      assertThat(e.layer()).isEqualTo("ingress");
      assertThat(e.endpoint()).isEqualTo("/assign-courier");
      assertThat(e.status()).isEqualTo(201);
      assertThat(e.time()).isEqualTo(FakeClock.NOW);
      assertThat(e.failed()).isFalse();
    });
  }

  @Test
  void anUnreachableUpstreamIsA502OfThisHop() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, Http.loopback())) {
      closed = s.getLocalPort();
    }
    hop = new Hop("ingress", "ingress", URI.create("http://127.0.0.1:" + closed),
        Duration.ofSeconds(5), null, events::add, http, clock);
    HttpResponse<String> r = get("/track-delivery/TRK-500001");
    assertThat(r.statusCode()).isEqualTo(502);
    assertThat(r.body()).startsWith("{\"error\":\"ingress: upstream http://127.0.0.1:" + closed
        + " unreachable (");
    assertThat(events(1)).singleElement().satisfies(e -> {
      assertThat(e.status()).isEqualTo(502);
      assertThat(e.endpoint()).isEqualTo("/track-delivery");
    });
  }

  @Test
  void anUpstreamSlowerThanTheHopsTimeoutIsA504() throws Exception {
    hop = new Hop("load-balancer", "load-balancer", startUpstream(2_000),
        Duration.ofMillis(300), null, events::add, http, clock);
    HttpResponse<String> r = get("/fetch-orders");
    assertThat(r.statusCode()).isEqualTo(504);
    assertThat(r.body()).contains("did not answer within 300 ms");
    assertThat(events(1)).extracting(HopEvent::status).containsExactly(504);
  }

  @Test
  void theCdnServesItsCacheThenAStaleCopyWhileTheOriginIsDown() throws Exception {
    hop = new Hop("cdn", "cdn", startUpstream(0), Duration.ofSeconds(5), new CdnCache(clock),
        events::add, http, clock);
    assertThat(get("/faq").headers().firstValue("X-Cache")).hasValue("MISS");
    assertThat(get("/faq").headers().firstValue("X-Cache")).hasValue("HIT");
    assertThat(upstreamCalls).hasValue(1);

    Http.stop(upstream);
    upstream = null;
    clock.advance(Duration.ofMinutes(10));            // past max-age, within stale-if-error
    HttpResponse<String> stale = get("/faq");
    HttpResponse<String> api = get("/fetch-orders");

    assertThat(stale.statusCode()).isEqualTo(200);
    assertThat(stale.body()).isEqualTo("<h1>FAQ</h1>");
    assertThat(stale.headers().firstValue("X-Cache")).hasValue("STALE");
    assertThat(api.statusCode()).isEqualTo(502);
    assertThat(events(4)).extracting(HopEvent::endpoint, HopEvent::status)
        .containsExactlyInAnyOrder(
        org.assertj.core.api.Assertions.tuple("/faq", 200),
        org.assertj.core.api.Assertions.tuple("/faq", 200),
        org.assertj.core.api.Assertions.tuple("/faq", 200),
        org.assertj.core.api.Assertions.tuple("/fetch-orders", 502));
    assertThat(events).extracting(HopEvent::layer).containsOnly("cdn");
  }

  @Test
  void aHopThatCachesNothingAsksTheUpstreamEveryTime() throws Exception {
    hop = new Hop("load-balancer", "load-balancer", startUpstream(0), Duration.ofSeconds(5),
        null, events::add, http, clock);
    get("/faq");
    get("/faq");
    assertThat(upstreamCalls).hasValue(2);
  }

  @Test
  void aHopListensOn127001OnlySoARegionLinkCanTakeTheSamePortElsewhere() throws Exception {
    hop = new Hop("cdn", "cdn", URI.create("http://127.0.0.1:1"), Duration.ofSeconds(1), null,
        events::add, http, clock);
    try (ServerSocket other = new ServerSocket()) {
      other.bind(new InetSocketAddress(java.net.InetAddress.getByName("127.0.0.2"), hop.port()));
      assertThat(other.getLocalPort()).isEqualTo(hop.port());
    }
  }
}
