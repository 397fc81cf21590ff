package dev.nines.web.console;

import dev.nines.server.NinesServer;
import dev.nines.store.Store;
import dev.nines.store.Stores;
import dev.nines.testing.FakeClock;
import dev.nines.web.auth.Role;
import dev.nines.web.auth.Users;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A real server over {@code spec/console.yaml} with {@link Seed} history and one user per
 * role: {@code ada} (admin), {@code sam} (sre), {@code dana} (client acme) and {@code gus}
 * (client globex), all with {@link #PASSWORD}; and browser-like HTTP sessions.
 */
final class ConsoleServer implements AutoCloseable {
  static final String PASSWORD = "correct horse battery";
  static final String TOKEN = "console-test-token";
  static final Path SPEC = Path.of("src/test/resources/spec/console.yaml");
  final NinesServer server;

  ConsoleServer(Path dataDir) throws Exception {
    this(dataDir, SPEC, new FakeClock(), true);
  }

  /** A server over {@code spec} on {@code clock}, with the {@link Seed} history or none. */
  ConsoleServer(Path dataDir, Path spec, Clock clock, boolean seed) throws Exception {
    Instant now = FakeClock.NOW;
    try (Store store = Stores.open(null, dataDir, null, null)) {
      if (seed) {
        Seed.write(store, now);
      }
      Users users = new Users(store, null, new FakeClock());
      users.add("ada", Role.ADMIN, null, PASSWORD);
      users.add("sam", Role.SRE, null, PASSWORD);
      users.add("dana", Role.CLIENT, "acme", PASSWORD);
      users.add("gus", Role.CLIENT, "globex", PASSWORD);
    }
    this.server = NinesServer.start(new NinesServer.Config(spec, null, dataDir, "127.0.0.1", 0,
        1 << 20, 100_000, TOKEN, false), clock);
    // The server's first alert cycle and first round of client runs (last month's report,
    // uptime days, notices) start a second or a few after it; run both now, so that what they
    // store is there before any test looks. On the fixed clock nothing changes after them.
    server.alerts().evaluate();
    server.alerts().deliver();
    server.clientRuns().runOnce();
  }

  String base() {
    return "http://127.0.0.1:" + server.port();
  }

  /** A client with its own cookie jar, like one browser. */
  Session session() {
    return new Session();
  }

  @Override public void close() {
    server.close();
  }

  /** One browser-like client: cookies kept, redirects not followed. */
  final class Session {
    final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
        .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    String csrf;

    HttpResponse<String> get(String path) throws Exception {
      return http.send(HttpRequest.newBuilder(URI.create(base() + path))
          .header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
      return send(HttpRequest.newBuilder(URI.create(base() + path)), form);
    }

    HttpResponse<String> send(HttpRequest.Builder b, Map<String, String> form) throws Exception {
      String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
          .collect(Collectors.joining("&"));
      return http.send(b.header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString());
    }

    /** Signs in through the form; returns the answer to the POST. */
    HttpResponse<String> login(String name, String password) throws Exception {
      String token = hidden(get("/login").body(), "_login");
      HttpResponse<String> r = post("/login", Map.of("name", name, "password", password,
          "_login", token, "next", ""));
      if (r.statusCode() == 303) {
        csrf = hidden(get("/account").body(), "_csrf");
      }
      return r;
    }

    Session signedIn(String name) throws Exception {
      HttpResponse<String> r = login(name, PASSWORD);
      if (r.statusCode() != 303) {
        throw new IllegalStateException("sign-in of " + name + " answered " + r.statusCode());
      }
      return this;
    }
  }

  static String hidden(String html, String name) {
    Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(html);
    if (!m.find()) {
      throw new IllegalStateException("no hidden field " + name + " in " + html);
    }
    return m.group(1);
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
