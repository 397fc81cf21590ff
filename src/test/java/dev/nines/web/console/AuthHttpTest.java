package dev.nines.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.store.ApiToken;
import dev.nines.testing.FakeClock;
import dev.nines.web.ApiTokens;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sign-in, cookies, CSRF, rate limiting and tokens, over real HTTP. */
class AuthHttpTest {
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

  private static String sessionCookie(HttpResponse<?> r) {
    return r.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith("nines_session=")).findFirst().orElse("");
  }

  @Test
  void signingInSetsAnHttpOnlyLaxCookieAndRedirectsByRole() throws Exception {
    var sam = s.session();
    HttpResponse<String> r = sam.login("sam", ConsoleServer.PASSWORD);
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().firstValue("Location")).contains("/console");
    String cookie = sessionCookie(r);
    assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax").contains("Path=/")
        .doesNotContain("Secure");
    assertThat(s.session().login("dana", ConsoleServer.PASSWORD).headers()
        .firstValue("Location")).contains("/portal");
  }

  @Test
  void behindTlsTheSessionCookieIsSecure() throws Exception {
    var c = s.session();
    String token = ConsoleServer.hidden(c.get("/login").body(), "_login");
    HttpResponse<String> r = c.send(HttpRequest.newBuilder(URI.create(s.base() + "/login"))
        .header("X-Forwarded-Proto", "https"), Map.of("name", "sam", "password",
        ConsoleServer.PASSWORD, "_login", token, "next", "/console/layers"));
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().firstValue("Location")).contains("/console/layers");
    assertThat(sessionCookie(r)).contains("Secure").contains("HttpOnly");
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "next={0} goes to {1}")
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
      "/<TAB>/evil.example | /console", "//evil.example | /console",
      "/<BACKSLASH>evil.example | /console", "https://evil.example/ | /console",
      "/<LF>/evil.example | /console", "/<SPACE>/evil.example | /console",
      "/<IDEOGRAPHIC-SPACE>/evil.example | /console", "/%zz | /console",
      "/login?next=/console | /console",
      "/console/layers?client=acme&q=a%20b | /console/layers?client=acme&q=a%20b",
      "/%2F/evil.example | /%2F/evil.example"})
  void signInGoesOnlyToASameOriginPath(String next, String location) throws Exception {
    var c = s.session();
    String token = ConsoleServer.hidden(c.get("/login").body(), "_login");
    String value = next.replace("<TAB>", "\t").replace("<LF>", "\n").replace("<SPACE>", " ")
        .replace("<BACKSLASH>", "\\").replace("<IDEOGRAPHIC-SPACE>", "\u3000");
    HttpResponse<String> r = c.post("/login", Map.of("name", "sam", "password",
        ConsoleServer.PASSWORD, "_login", token, "next", value));
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().firstValue("Location")).contains(location);
  }

  @Test
  void aWrongPasswordAnswers401WithoutASession() throws Exception {
    HttpResponse<String> r = s.session().login("ada", "not the password at all");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).contains("Wrong name or password.");
    assertThat(sessionCookie(r)).isEmpty();
  }

  @Test
  void theSixthSignInAfterFiveFailuresInAMinuteIs429EvenWithTheRightPassword() throws Exception {
    var c = s.session();
    for (int i = 0; i < 5; i++) {
      assertThat(c.login("gus", "wrong password " + i).statusCode()).isEqualTo(401);
    }
    HttpResponse<String> r = c.login("gus", ConsoleServer.PASSWORD);
    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow()))
        .isBetween(1L, 60L);
    assertThat(sessionCookie(r)).isEmpty();
  }

  @Test
  void aSignInWithoutTheFormTokenIsRefused() throws Exception {
    HttpResponse<String> r = s.session().post("/login", Map.of("name", "sam", "password",
        ConsoleServer.PASSWORD));
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(sessionCookie(r)).isEmpty();
  }

  @Test
  void signingOutNeedsTheCsrfTokenAndEndsTheSession() throws Exception {
    var c = s.session().signedIn("sam");
    assertThat(c.post("/logout", Map.of()).statusCode()).isEqualTo(403);
    assertThat(c.post("/logout", Map.of("_csrf", "forged")).statusCode()).isEqualTo(403);
    assertThat(c.get("/console").statusCode()).isEqualTo(200);
    assertThat(c.post("/logout", Map.of("_csrf", c.csrf)).statusCode()).isEqualTo(303);
    HttpResponse<String> after = c.get("/console");
    assertThat(after.statusCode()).isEqualTo(302);
    assertThat(after.headers().firstValue("Location")).contains("/login?next=%2Fconsole");
  }

  @Test
  void anAdminAddsAUserWithAGeneratedPasswordThatSignsIn() throws Exception {
    var ada = s.session().signedIn("ada");
    assertThat(ada.post("/console/users", Map.of("name", "eve", "role", "sre", "client", ""))
        .statusCode()).isEqualTo(403);
    HttpResponse<String> r = ada.post("/console/users", Map.of("_csrf", ada.csrf, "name", "eve",
        "role", "sre", "client", "", "password", ""));
    assertThat(r.statusCode()).isEqualTo(201);
    String password = r.body().replaceAll("(?s).*<code class=\"secret\">([^<]+)</code>.*", "$1");
    assertThat(password).hasSize(24);
    assertThat(s.session().login("eve", password).statusCode()).isEqualTo(303);
    HttpResponse<String> dup = ada.post("/console/users", Map.of("_csrf", ada.csrf, "name",
        "eve", "role", "sre", "client", "", "password", "another long password"));
    assertThat(dup.statusCode()).isEqualTo(400);
    assertThat(dup.body()).contains("name: 'eve' is taken");
  }

  @Test
  void aClientUserNeedsAClientOfTheSpec() throws Exception {
    var ada = s.session().signedIn("ada");
    HttpResponse<String> r = ada.post("/console/users", Map.of("_csrf", ada.csrf, "name", "zed",
        "role", "client", "client", "initech", "password", "a long enough password"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("client: 'initech' is not a client of the spec");
  }

  private static Map<String, String> form(String csrf, String... pairs) {
    Map<String, String> m = new java.util.HashMap<>(Map.of("_csrf", csrf));
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return m;
  }

  @Test
  void anAdminDisablesEnablesResetsAndRemovesAUserFromTheUsersPage() throws Exception {
    var ada = s.session().signedIn("ada");
    assertThat(ada.post("/console/users", form(ada.csrf, "name", "kim", "role", "sre",
        "client", "", "password", ConsoleServer.PASSWORD)).statusCode()).isEqualTo(201);
    var kim = s.session().signedIn("kim");
    assertThat(kim.get("/console").statusCode()).isEqualTo(200);

    HttpResponse<String> disabled = ada.post("/console/users/kim/disable", form(ada.csrf));
    assertThat(disabled.statusCode()).isEqualTo(200);
    assertThat(disabled.body()).contains("Disabled <strong>kim</strong>");
    assertThat(kim.get("/console").statusCode()).as("kim's session ended").isEqualTo(302);
    assertThat(s.session().login("kim", ConsoleServer.PASSWORD).statusCode()).isEqualTo(401);

    assertThat(ada.post("/console/users/kim/enable", form(ada.csrf)).statusCode())
        .isEqualTo(200);
    kim = s.session().signedIn("kim");
    HttpResponse<String> reset = ada.post("/console/users/kim/reset-password", form(ada.csrf));
    assertThat(reset.statusCode()).isEqualTo(200);
    String password = reset.body().replaceAll("(?s).*<code class=\"secret\">([^<]+)</code>.*",
        "$1");
    assertThat(password).hasSize(24);
    assertThat(kim.get("/console").statusCode()).isEqualTo(302);
    assertThat(s.session().login("kim", ConsoleServer.PASSWORD).statusCode()).isEqualTo(401);
    assertThat(s.session().login("kim", password).statusCode()).isEqualTo(303);

    HttpResponse<String> removed = ada.post("/console/users/kim/remove", form(ada.csrf));
    assertThat(removed.statusCode()).isEqualTo(200);
    assertThat(removed.body()).contains("Removed <strong>kim</strong>").doesNotContain("<td>kim</td>");
    assertThat(s.session().login("kim", password).statusCode()).isEqualTo(401);
  }

  @Test
  void userChangesNeedTheCsrfTokenAndAnAdmin() throws Exception {
    var ada = s.session().signedIn("ada");
    assertThat(ada.post("/console/users/sam/disable", Map.of()).statusCode()).isEqualTo(403);
    assertThat(ada.post("/console/users/sam/disable", Map.of("_csrf", "forged")).statusCode())
        .isEqualTo(403);
    var sam = s.session().signedIn("sam");
    assertThat(sam.post("/console/users/dana/disable", form(sam.csrf)).statusCode())
        .isEqualTo(403);
    assertThat(sam.get("/console").statusCode()).isEqualTo(200);
    assertThat(s.session().login("dana", ConsoleServer.PASSWORD).statusCode()).isEqualTo(303);
  }

  @Test
  void theLastAdminCannotBeRemovedFromTheUsersPage() throws Exception {
    var ada = s.session().signedIn("ada");
    HttpResponse<String> r = ada.post("/console/users/ada/remove", form(ada.csrf));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("is the last admin who can sign in");
    assertThat(ada.get("/console/users").statusCode()).isEqualTo(200);
  }

  @Test
  void anSreMayNotManageUsers() throws Exception {
    var sam = s.session().signedIn("sam");
    assertThat(sam.get("/console/users").statusCode()).isEqualTo(403);
    assertThat(sam.get("/api/v1/users").statusCode()).isEqualTo(403);
    assertThat(s.session().signedIn("ada").get("/api/v1/users").statusCode()).isEqualTo(200);
  }

  @Test
  void withoutASessionPagesRedirectToSignInAndTheApiAnswers401() throws Exception {
    var anon = s.session();
    HttpResponse<String> page = anon.get("/console/slos/fetch-orders-fast");
    assertThat(page.statusCode()).isEqualTo(302);
    assertThat(page.headers().firstValue("Location"))
        .contains("/login?next=%2Fconsole%2Fslos%2Ffetch-orders-fast");
    HttpResponse<String> api = anon.get("/api/v1/slos");
    assertThat(api.statusCode()).isEqualTo(401);
    assertThat(api.body()).isEqualTo("{\"error\":\"not signed in. Expected a session or "
        + "Authorization: Bearer TOKEN with scope read\"}");
    assertThat(anon.get("/metrics").statusCode()).isEqualTo(401);
  }

  @Test
  void aTokenReadsTheApiOnlyWithScopeRead() throws Exception {
    Instant now = FakeClock.NOW;
    s.server.store().saveToken(new ApiToken("writer", ApiTokens.hash("writer-secret"),
        Set.of(ApiTokens.EVENTS_WRITE), now));
    s.server.store().saveToken(new ApiToken("reader", ApiTokens.hash("reader-secret"),
        Set.of(ApiTokens.READ), now));
    var c = s.session();
    HttpResponse<String> writer = c.http.send(HttpRequest.newBuilder(
        URI.create(s.base() + "/api/v1/slos")).header("Authorization", "Bearer writer-secret")
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(writer.statusCode()).isEqualTo(403);
    assertThat(writer.body()).isEqualTo("{\"error\":\"token 'writer' lacks scope read\"}");
    for (String path : List.of("/api/v1/slos", "/metrics", "/api/v1/layers")) {
      HttpResponse<String> reader = c.http.send(HttpRequest.newBuilder(
          URI.create(s.base() + path)).header("Authorization", "Bearer reader-secret").build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(reader.statusCode()).as(path).isEqualTo(200);
    }
  }

  @Test
  void changingThePasswordEndsEverySessionOfTheUser() throws Exception {
    var admin = s.session().signedIn("ada");
    admin.post("/console/users", Map.of("_csrf", admin.csrf, "name", "max", "role", "sre",
        "client", "", "password", "first password 123"));
    var first = s.session();
    first.login("max", "first password 123");
    var second = s.session();
    second.login("max", "first password 123");
    HttpResponse<String> r = first.post("/account", Map.of("_csrf", first.csrf, "current",
        "first password 123", "new", "second password 456", "confirm", "second password 456"));
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(second.get("/console").statusCode()).isEqualTo(302);
    assertThat(s.session().login("max", "second password 456").statusCode()).isEqualTo(303);
    assertThat(s.session().login("max", "first password 123").statusCode()).isEqualTo(401);
  }
}
