package dev.nines.web.console;

import dev.nines.model.ClientSpec;
import dev.nines.model.Spec;
import dev.nines.notify.Outbox;
import dev.nines.runs.StatusMessages;
import dev.nines.store.Store;
import dev.nines.store.Subscriber;
import dev.nines.view.ClientStatus;
import dev.nines.view.ClientStatuses;
import dev.nines.web.ApiError;
import dev.nines.web.Json;
import dev.nines.web.auth.PageError;
import io.javalin.http.Context;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The public status page of each client that enables one: the page, its JSON
 * ({@code GET /api/v1/status/{client}}), an Atom feed of incidents, and email subscriptions
 * with double opt-in (subscribe, confirm, unsubscribe). Nothing here needs a sign-in.
 */
public final class StatusPages {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String EMAIL = "[^@\\s,;<>\"]{1,64}@[^@\\s,;<>\"]{1,255}\\.[^@\\s,;<>\"]+";

  private final ConsolePages pages;
  private final Templates templates;
  private final Supplier<Spec> spec;
  private final Store store;
  private final ClientStatuses statuses;
  private final Outbox outbox;
  private final Clock clock;

  StatusPages(ConsolePages pages, Templates templates, Supplier<Spec> spec, Store store,
      ClientStatuses statuses, Outbox outbox, Clock clock) {
    this.pages = pages;
    this.templates = templates;
    this.spec = spec;
    this.store = store;
    this.statuses = statuses;
    this.outbox = outbox;
    this.clock = clock;
  }

  private ClientSpec client(Context ctx, boolean api) {
    ClientSpec c = spec.get().client(ctx.pathParam("client"));
    if (c == null || !c.statusPage()) {
      if (api) {
        throw new ApiError(404, "no status page for '" + ctx.pathParam("client") + "'");
      }
      throw PageError.of(404, "There is no status page here.");
    }
    return c;
  }

  /** {@code GET /status/{client}}. */
  void page(Context ctx) {
    ClientSpec c = client(ctx, false);
    ClientStatus s = statuses.of(c.name(), clock.instant());
    Map<String, Object> p = pages.params(ctx, c.title() + " status", "status");
    p.put("s", s);
    templates.send(ctx, 200, "status.jte", p);
  }

  /** {@code GET /api/v1/status/{client}}: the page as JSON, with an overall state. */
  void api(Context ctx) {
    ClientSpec c = client(ctx, true);
    ClientStatus s = statuses.of(c.name(), clock.instant());
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("client", c.name());
    o.put("displayName", c.title());
    o.put("timeZone", s.zone().getId());
    o.put("at", s.now());
    o.put("overall", Map.of("state", s.overall().id(), "label", s.overall().label(),
        "banner", s.banner()));
    o.put("components", s.components().stream().map(x -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", x.name());
      m.put("description", x.description());
      m.put("state", x.state().id());
      m.put("label", x.state().label());
      m.put("uptime90d", x.uptimeRatio());
      m.put("days", x.days().stream().map(d -> {
        Map<String, Object> y = new LinkedHashMap<>();
        y.put("date", d.date().toString());
        y.put("level", d.level());
        y.put("uptime", d.uptime() == null ? null : d.uptime().uptimeRatio());
        y.put("lower", d.uptime() == null ? null : d.uptime().lowerRatio());
        y.put("upper", d.uptime() == null ? null : d.uptime().upperRatio());
        y.put("sli", d.counts() == null || d.counts().valid() == 0 ? null : d.counts().ratio());
        return y;
      }).toList());
      return m;
    }).toList());
    o.put("incidents", java.util.stream.Stream.concat(s.open().stream(), s.history().stream())
        .map(i -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("id", i.incident().id());
          m.put("title", i.title());
          m.put("status", i.incident().open() ? "open" : "resolved");
          m.put("components", i.components());
          m.put("openedAt", i.incident().openedAt());
          m.put("resolvedAt", i.incident().resolvedAt());
          m.put("note", i.incident().rootCause());
          return m;
        }).toList());
    o.put("maintenance", s.maintenance().stream().map(w -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("components", w.components());
      m.put("start", w.window().start());
      m.put("end", w.window().end());
      m.put("reason", w.window().reason());
      m.put("now", w.now());
      return m;
    }).toList());
    Json.send(ctx, 200, o);
  }

  /** {@code GET /status/{client}/feed.atom}: incidents of the last 90 days, newest first. */
  void feed(Context ctx) {
    ClientSpec c = client(ctx, false);
    ClientStatus s = statuses.of(c.name(), clock.instant());
    ctx.contentType("application/atom+xml; charset=utf-8").header("Cache-Control", "max-age=60")
        .result(StatusFeed.atom(s, base(ctx)));
  }

  /** {@code POST /status/{client}/subscribe}: stores a pending subscription and mails the link. */
  void subscribe(Context ctx) {
    ClientSpec c = client(ctx, false);
    String email = ctx.formParam("email");
    email = email == null ? "" : email.strip();
    if (!email.matches(EMAIL) || email.length() > 320) {
      note(ctx, c, 400, "That is not an email address",
          "'" + email + "' is not an email address. Expected NAME@DOMAIN, e.g. "
              + "dana@example.org.");
      return;
    }
    byte[] t = new byte[24];
    RANDOM.nextBytes(t);
    Subscriber s = store.addSubscriber(c.name(), email, HexFormat.of().formatHex(t),
        clock.instant());
    if (!s.active()) {
      outbox.enqueueTo(StatusMessages.confirmation(base(ctx), c, s, clock.instant()), email);
    }
    note(ctx, c, 200, "Check your inbox", "If " + email + " can receive mail, a link to "
        + "confirm the subscription is on its way. Nothing is sent before you open it.");
  }

  /** {@code GET /status/{client}/confirm?token=}. */
  void confirm(Context ctx) {
    ClientSpec c = client(ctx, false);
    String token = ctx.queryParam("token");
    Subscriber s = token == null ? null : store.subscriber(token).orElse(null);
    if (s == null || !s.client().equals(c.name()) || s.unsubscribedAt() != null) {
      note(ctx, c, 404, "Link not valid", "This confirmation link is not valid (any more). "
          + "Subscribe again on the status page.");
      return;
    }
    store.confirmSubscriber(token, clock.instant());
    note(ctx, c, 200, "Subscribed", s.email() + " now gets an email when an incident starts or "
        + "ends and before planned maintenance of " + c.title() + ". Every email has a link "
        + "to unsubscribe.");
  }

  /** {@code GET /status/{client}/unsubscribe?token=}: ends the subscription at once. */
  void unsubscribe(Context ctx) {
    ClientSpec c = client(ctx, false);
    String token = ctx.queryParam("token");
    Subscriber s = token == null ? null : store.subscriber(token).orElse(null);
    if (s == null || !s.client().equals(c.name())) {
      note(ctx, c, 404, "Link not valid", "This unsubscribe link is not valid.");
      return;
    }
    store.unsubscribe(token, clock.instant());
    note(ctx, c, 200, "Unsubscribed", s.email() + " gets no more status emails of "
        + c.title() + ".");
  }

  private void note(Context ctx, ClientSpec c, int status, String title, String text) {
    if (status == 404) {
      // A 404 body is replaced by the server's not-found page unless it is a PageError.
      throw PageError.of(404, text);
    }
    Map<String, Object> p = pages.params(ctx, c.title() + " status", "status");
    p.put("client", c);
    p.put("heading", title);
    p.put("text", text);
    templates.send(ctx, status, "statusNote.jte", p);
  }

  /** Where links point: NINES_PUBLIC_URL, else the address this request came to. */
  static String base(Context ctx) {
    String url = System.getenv("NINES_PUBLIC_URL");
    if (url != null && !url.isBlank()) {
      return url.strip().replaceAll("/+$", "");
    }
    String proto = ctx.header("X-Forwarded-Proto");
    String scheme = proto != null && proto.equals("https") ? "https" : ctx.scheme();
    return scheme + "://" + ctx.host();
  }

}
