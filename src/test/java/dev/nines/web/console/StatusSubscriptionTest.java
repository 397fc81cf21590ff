package dev.nines.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nines.store.OutboxMessage;
import dev.nines.store.Store;
import dev.nines.store.Subscriber;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A visitor subscribes to Acme's status page without signing in: the confirmation goes to the
 * outbox for that one address, nothing is active before its link is opened (double opt-in), the
 * unsubscribe link ends it, and links of another client or made up do nothing.
 */
class StatusSubscriptionTest {
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

  private static Store store() {
    return s.server.store();
  }

  private static List<OutboxMessage> mailTo(String address) {
    return store().outbox(null, "email:" + address, 0, 10).messages();
  }

  @Test
  void aSubscriptionIsActiveOnlyOnceConfirmedAndEndsWithItsUnsubscribeLink() throws Exception {
    var visitor = s.session();
    HttpResponse<String> r = visitor.post("/status/acme/subscribe",
        Map.of("email", "visitor@example.org"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("Check your inbox");

    List<OutboxMessage> sent = mailTo("visitor@example.org");
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).kind()).isEqualTo("status");
    assertThat(sent.get(0).title()).isEqualTo("Confirm your subscription to Acme Logistics "
        + "status");
    // The token the email's link carries (outbox listings leave payloads out): adding the
    // same address again answers its live subscription.
    String token = store().addSubscriber("acme", "visitor@example.org", "f".repeat(48),
        java.time.Instant.EPOCH).token();
    assertThat(token).matches("[0-9a-f]{48}").isNotEqualTo("f".repeat(48));
    assertThat(store().subscriber(token)).hasValueSatisfying(sub -> {
      assertThat(sub.client()).isEqualTo("acme");
      assertThat(sub.active()).as("pending before the link is opened").isFalse();
    });

    // Another client's path, or a made-up token, confirms nothing.
    assertThat(visitor.get("/status/globex/confirm?token=" + token).statusCode())
        .isEqualTo(404);
    HttpResponse<String> madeUp = visitor.get("/status/acme/confirm?token=" + "0".repeat(48));
    assertThat(madeUp.statusCode()).isEqualTo(404);
    assertThat(madeUp.body()).contains("This confirmation link is not valid (any more).");
    assertThat(store().subscriber(token).map(Subscriber::active)).hasValue(false);

    HttpResponse<String> confirmed = visitor.get("/status/acme/confirm?token=" + token);
    assertThat(confirmed.statusCode()).isEqualTo(200);
    assertThat(confirmed.body()).contains("visitor@example.org now gets an email");
    assertThat(store().subscriber(token).map(Subscriber::active)).hasValue(true);

    // Subscribing again once confirmed sends no second confirmation.
    visitor.post("/status/acme/subscribe", Map.of("email", "visitor@example.org"));
    assertThat(mailTo("visitor@example.org")).hasSize(1);

    HttpResponse<String> gone = visitor.get("/status/acme/unsubscribe?token=" + token);
    assertThat(gone.statusCode()).isEqualTo(200);
    assertThat(gone.body()).contains("gets no more status emails of Acme Logistics");
    assertThat(store().subscriber(token).map(Subscriber::active)).hasValue(false);
    assertThat(visitor.get("/status/acme/confirm?token=" + token).statusCode())
        .as("an ended subscription is not revived by the old link").isEqualTo(404);
  }

  @Test
  void notAnAddressIsABadRequestThatSaysWhatIsExpected() throws Exception {
    HttpResponse<String> r = s.session().post("/status/acme/subscribe",
        Map.of("email", "not-an-address"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("'not-an-address' is not an email address. Expected "
        + "NAME@DOMAIN");
    assertThat(s.session().post("/status/globex/subscribe", Map.of("email", "a@b.example"))
        .statusCode()).as("no status page, no subscriptions").isEqualTo(404);
    assertThat(mailTo("a@b.example")).isEmpty();
  }

  @Test
  void theAtomFeedNeedsNoSignIn() throws Exception {
    HttpResponse<String> r = s.session().get("/status/acme/feed.atom");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/atom+xml");
    assertThat(r.body()).contains("<feed xmlns=\"http://www.w3.org/2005/Atom\"")
        .contains("Acme Logistics").doesNotContain("api-internal-errors");
    assertThat(s.session().get("/status/globex/feed.atom").statusCode()).isEqualTo(404);
  }
}
