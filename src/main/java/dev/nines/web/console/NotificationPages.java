package dev.nines.web.console;

import dev.nines.store.OutboxMessage;
import dev.nines.store.Store;
import dev.nines.view.OutboxView;
import dev.nines.web.ApiError;
import dev.nines.web.Json;
import dev.nines.web.Params;
import dev.nines.web.auth.PageError;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outbox for the internal roles: {@code GET /console/notifications} and
 * {@code GET /api/v1/notifications}, both taking {@code status} (pending, delivered, failed),
 * {@code channel}, {@code page} and {@code size}. Rows carry the channel's name, never its
 * settings: a last error names a host at most, never a secret.
 */
public final class NotificationPages {
  /** Rows on a console page. */
  static final int PAGE_SIZE = 50;

  private final ConsolePages pages;
  private final Templates templates;
  private final Store store;

  NotificationPages(ConsolePages pages, Templates templates, Store store) {
    this.pages = pages;
    this.templates = templates;
    this.store = store;
  }

  private OutboxView load(Context ctx, int defaultSize) {
    return OutboxView.load(store, ctx.queryParam("status"), ctx.queryParam("channel"),
        Params.integer(ctx, "page", 1), Params.integer(ctx, "size", defaultSize));
  }

  /** {@code GET /console/notifications}. */
  void page(Context ctx) {
    OutboxView v;
    try {
      v = load(ctx, PAGE_SIZE);
    } catch (IllegalArgumentException e) {
      throw PageError.of(400, e.getMessage());
    }
    Map<String, Object> p = pages.params(ctx, "Notifications", "notifications");
    p.put("v", v);
    templates.send(ctx, 200, "notifications.jte", p);
  }

  /** {@code GET /api/v1/notifications}: {@code {notifications, page, size, total}}. */
  void api(Context ctx) {
    OutboxView v = ConsoleApi.param(() -> load(ctx, 100));
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("notifications", v.page().items().stream().map(NotificationPages::json).toList());
    o.put("page", v.page().page());
    o.put("size", v.page().size());
    o.put("total", v.page().total());
    Json.send(ctx, 200, o);
  }

  private static Map<String, Object> json(OutboxMessage m) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("id", m.id());
    o.put("key", m.key());
    o.put("channel", m.channel());
    o.put("kind", m.kind());
    o.put("client", m.client());
    o.put("title", m.title());
    o.put("status", m.status());
    o.put("attempts", m.attempts());
    o.put("lastError", m.lastError());
    o.put("nextAttemptAt", OutboxMessage.PENDING.equals(m.status()) ? m.nextAttemptAt() : null);
    o.put("createdAt", m.createdAt());
    o.put("deliveredAt", m.deliveredAt());
    return o;
  }

  /** The query string of a page link: the view's filters with {@code page} set. */
  public static String link(OutboxView v, String status, int page) {
    StringBuilder b = new StringBuilder("/console/notifications?");
    if (status != null) {
      b.append("status=").append(status).append('&');
    }
    if (v.channel() != null) {
      b.append("channel=").append(java.net.URLEncoder.encode(v.channel(),
          java.nio.charset.StandardCharsets.UTF_8)).append('&');
    }
    return b.append("page=").append(page).toString();
  }
}
