package dev.nines.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nines.testing.RawHttp;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests Jetty refuses before any route sees them (a URI or headers too long, a broken
 * request line, an HTTP version it does not speak, bad percent-encoding) are answered in the
 * house shape, JSON {@code {"error": ...}}, like every other error: never an HTML page.
 */
class ApiServerErrorPagesTest {
  @TempDir static Path dir;
  static ServerHarness h;

  @BeforeAll
  static void start() throws Exception {
    h = new ServerHarness(dir);
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  private static String error(RawHttp.Answer a, int status) throws Exception {
    assertThat(a.status()).as(a.body()).isEqualTo(status);
    assertThat(a.header("Content-Type")).startsWith("application/json");
    assertThat(a.body()).doesNotContain("<html", "<h2>", "org.eclipse");
    JsonNode json = Json.MAPPER.readTree(a.body());
    assertThat(json.fieldNames()).toIterable().containsExactly("error");
    return json.get("error").asText();
  }

  private static RawHttp.Answer once(String head) throws Exception {
    try (RawHttp c = new RawHttp(h.server.port())) {
      return c.send(head);
    }
  }

  @Test
  void aUriLongerThanTheServerTakesIs414Json() throws Exception {
    assertThat(error(once("GET /api/v1/slos?q=" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x"),
        414)).isEqualTo("request: the URI is too long. Expected at most 8 KiB of request line "
            + "and headers");
  }

  @Test
  void headersLargerThanTheServerTakesAre431Json() throws Exception {
    assertThat(error(once("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000)),
        431)).isEqualTo("request: the headers are too large. Expected at most 8 KiB of request "
            + "line and headers");
  }

  @Test
  void aBrokenRequestLineIs400Json() throws Exception {
    assertThat(error(once("GET /a b c d\r\nHost: x"), 400)).startsWith("request: ");
  }

  @Test
  void anHttpVersionTheServerDoesNotSpeakIsA400NotA5xx() throws Exception {
    assertThat(error(once("GET /healthz HTTP/7.0\r\nHost: x"), 400)).isEqualTo("request: the "
        + "request line names no HTTP version this server speaks. Expected METHOD PATH HTTP/1.1 "
        + "(or HTTP/1.0)");
  }

  @Test
  void badPercentEncodingIs400Json() throws Exception {
    assertThat(error(once("GET /api/v1/slos/%zz HTTP/1.1\r\nHost: x"), 400))
        .startsWith("request: ");
  }

  @Test
  void aMethodJettyDoesNotKnowGetsJsonToo() throws Exception {
    assertThat(error(once("BREW /api/v1/events HTTP/1.1\r\n\tHost: x"), 400))
        .startsWith("request: ");
    assertThat(error(once("OPTIONS * HTTP/1.1\r\nHost: x"), 404)).startsWith("request: ");
  }

  @Test
  void aMissingHostHeaderIs400Json() throws Exception {
    assertThat(error(once("GET /healthz HTTP/1.1"), 400)).startsWith("request: ");
  }
}
