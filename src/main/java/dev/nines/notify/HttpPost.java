package dev.nines.notify;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * The POST of the HTTP channels (webhook, Slack, Alertmanager) over one shared JDK client with
 * keep-alive. A 2xx is delivered; 408, 429 and 5xx are retried; any other status is permanent.
 * Messages name the host only: a webhook URL's path is its secret. A URL's user info becomes
 * HTTP basic authentication.
 */
final class HttpPost {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
  /** Characters of a receiver's answer kept in messages. */
  static final int EXCERPT = 200;
  static final String USER_AGENT = "nines-notify";

  private final HttpClient client;

  HttpPost(HttpClient client) {
    this.client = client;
  }

  /** The shared client: HTTP/1.1 with keep-alive, a connect timeout, no redirects. */
  static HttpClient defaultClient() {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /**
   * POSTs {@code body} to {@code url} (the resolved secret).
   *
   * @param what who sends, for messages: {@code webhook oncall}
   */
  Delivery post(String what, String url, byte[] body, Map<String, String> headers)
      throws DeliveryException {
    URI uri = target(what, url);
    HttpRequest.Builder b = HttpRequest.newBuilder(withoutUserInfo(uri)).timeout(REQUEST_TIMEOUT)
        .header("User-Agent", USER_AGENT).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(b::header);
    if (uri.getRawUserInfo() != null) {
      b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
          decode(uri.getRawUserInfo()).getBytes(StandardCharsets.UTF_8)));
    }
    String host = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
    String request = "POST " + uri.getScheme() + "://" + host + "/… (" + body.length + " bytes)";
    HttpResponse<byte[]> r;
    try {
      r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpConnectTimeoutException e) {
      throw new DeliveryException(what + ": connecting to " + host + " timed out after "
          + CONNECT_TIMEOUT.toSeconds() + " s", false);
    } catch (HttpTimeoutException e) {
      throw new DeliveryException(what + ": " + host + " did not answer within "
          + REQUEST_TIMEOUT.toSeconds() + " s", false);
    } catch (ConnectException e) {
      throw new DeliveryException(what + ": cannot connect to " + host + " (connection "
          + "refused)", false);
    } catch (IOException e) {
      throw new DeliveryException(what + ": POST to " + host + " failed: "
          + Secrets.redact(e.getClass().getSimpleName() + " " + e.getMessage(), url), false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeliveryException(what + ": interrupted while sending", false);
    }
    int status = r.statusCode();
    String answer = "HTTP " + status + excerpt(r.body(), url);
    if (status >= 200 && status < 300) {
      return new Delivery(request, answer);
    }
    boolean retry = status == 408 || status == 429 || status >= 500;
    throw new DeliveryException(what + ": " + host + " answered " + answer, !retry);
  }

  private static URI target(String what, String url) throws DeliveryException {
    try {
      URI uri = new URI(url.strip());
      if (uri.getHost() == null || !("http".equals(uri.getScheme())
          || "https".equals(uri.getScheme()))) {
        throw new URISyntaxException("", "");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new DeliveryException(what + ": the url is not an http(s) URL. Expected "
          + "http(s)://HOST/PATH in the secret", true);
    }
  }

  private static URI withoutUserInfo(URI u) {
    if (u.getRawUserInfo() == null) {
      return u;
    }
    String s = u.toString();
    return URI.create(s.replaceFirst("//[^@/]*@", "//"));
  }

  private static String decode(String userInfo) {
    return java.net.URLDecoder.decode(userInfo.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /** {@code ": first 200 characters"} of an answer on one line, or nothing when it is empty. */
  static String excerpt(byte[] body, String... secrets) {
    String s = new String(body, 0, Math.min(body.length, EXCERPT * 4), StandardCharsets.UTF_8)
        .replaceAll("\\s+", " ").strip();
    if (s.isEmpty()) {
      return "";
    }
    s = Secrets.redact(s, secrets);
    return ": " + (s.length() > EXCERPT ? s.substring(0, EXCERPT) + "…" : s);
  }
}
