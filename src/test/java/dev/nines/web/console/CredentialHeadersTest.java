package dev.nines.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.testing.RawHttp;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credentials are compared exactly on a reused connection: Jetty keeps a per-connection cache
 * of header lines, and one that matched ignoring case handed a later request the earlier
 * request's header. Each test sends its requests on one keep-alive connection.
 */
class CredentialHeadersTest {
  @TempDir static Path dir;
  static ConsoleServer s;

  @BeforeAll
  static void start() throws Exception {
    s = new ConsoleServer(dir);
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  private static String get(String header) {
    return "GET /api/v1/slos HTTP/1.1\r\nHost: localhost\r\n" + header;
  }

  @Test
  void anUpperCasedTokenIsRefusedAfterTheRealOneOnTheSameConnection() throws Exception {
    try (RawHttp c = new RawHttp(s.server.port())) {
      assertThat(c.send(get("Authorization: Bearer " + ConsoleServer.TOKEN)).status())
          .isEqualTo(200);
      RawHttp.Answer upper = c.send(get("Authorization: Bearer "
          + ConsoleServer.TOKEN.toUpperCase(Locale.ROOT)));
      assertThat(upper.status()).isEqualTo(401);
      assertThat(upper.body()).isEqualTo("{\"error\":\"unknown API token\"}");
    }
  }

  @Test
  void aCaseSwappedSessionCookieIsRefusedAfterTheRealOneOnTheSameConnection() throws Exception {
    ConsoleServer.Session sam = s.session().signedIn("sam");
    String id = sam.http.cookieHandler().orElseThrow().get(java.net.URI.create(s.base()),
        java.util.Map.of()).get("Cookie").get(0).replaceAll(".*nines_session=([^;]+).*", "$1");
    StringBuilder swapped = new StringBuilder();
    id.chars().forEach(ch -> swapped.append(Character.isUpperCase(ch)
        ? Character.toLowerCase((char) ch) : Character.toUpperCase((char) ch)));
    assertThat(swapped.toString()).isNotEqualTo(id);
    try (RawHttp c = new RawHttp(s.server.port())) {
      assertThat(c.send(get("Cookie: nines_session=" + id)).status()).isEqualTo(200);
      assertThat(c.send(get("Cookie: nines_session=" + swapped)).status()).isEqualTo(401);
    }
  }

  @Test
  void aCorrectTokenIsAcceptedAfterALowerCaseBearerOnTheSameConnection() throws Exception {
    try (RawHttp c = new RawHttp(s.server.port())) {
      // RFC 9110 section 11.1: the scheme is case-insensitive, the token is not.
      assertThat(c.send(get("authorization: bearer " + ConsoleServer.TOKEN)).status())
          .isEqualTo(200);
      assertThat(c.send(get("Authorization: Bearer " + ConsoleServer.TOKEN)).status())
          .isEqualTo(200);
      assertThat(c.send(get("Authorization: bearer wrong-" + ConsoleServer.TOKEN)).status())
          .isEqualTo(401);
      assertThat(c.send(get("Authorization: Bearer " + ConsoleServer.TOKEN)).status())
          .isEqualTo(200);
    }
  }

  @Test
  void aSignedInSessionStillWorksOverTheHttpClient() throws Exception {
    HttpResponse<String> r = s.session().signedIn("sam").get("/console");
    assertThat(r.statusCode()).isEqualTo(200);
  }
}
