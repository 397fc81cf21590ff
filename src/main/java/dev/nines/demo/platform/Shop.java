package dev.nines.demo.platform;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The shop the app fetches orders from, a stand-in for Shopify's admin API:
 * {@code GET /admin/api/orders.json?limit=N} answers the newest open orders. It usually
 * answers in 40 to 250 ms; while {@link Conditions#shopSlow()} it takes 2.4 to 3.6 s.
 */
public final class Shop implements AutoCloseable {
  /** Orders in one answer at most. */
  static final int MAX_LIMIT = 50;
  private static final String[] PRODUCTS = {"Espresso grinder", "Trail shoes", "Desk lamp",
      "Yoga mat", "Tea sampler", "Phone case", "Backpack", "Water bottle"};

  private final Conditions conditions;
  private final AtomicLong newest = new AtomicLong(104_000);
  private final HttpServer server;

  public Shop(Conditions conditions) throws IOException {
    this.conditions = conditions;
    this.server = Http.serve(0, this::handle);
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    if (!"/admin/api/orders.json".equals(path) || !"GET".equals(ex.getRequestMethod())) {
      Http.error(ex, 404, path + ": not found. Expected GET /admin/api/orders.json");
      return;
    }
    if (conditions.shopSlow()) {
      Latency.spend(2_400, 3_600);
    } else {
      Latency.spend(40, 250);
    }
    int limit = limit(ex.getRequestURI().getQuery());
    long top = newest.addAndGet(ThreadLocalRandom.current().nextInt(0, 3));
    List<Map<String, Object>> orders = new ArrayList<>();
    for (long id = top; id > top - limit; id--) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("id", id);
      o.put("name", "#" + id);
      o.put("line_items", List.of(Map.of("title", PRODUCTS[(int) (id % PRODUCTS.length)],
          "quantity", 1 + id % 3)));
      o.put("total_price", String.format(java.util.Locale.ROOT, "%.2f", 9.5 + id % 170));
      o.put("fulfillment_status", "unfulfilled");
      orders.add(o);
    }
    Http.json(ex, 200, Map.of("orders", orders));
  }

  private static int limit(String query) {
    if (query != null) {
      for (String part : query.split("&")) {
        if (part.startsWith("limit=")) {
          try {
            return Math.max(1, Math.min(MAX_LIMIT, Integer.parseInt(part.substring(6))));
          } catch (NumberFormatException e) {
            return 10;
          }
        }
      }
    }
    return 10;
  }

  @Override public void close() {
    Http.stop(server);
  }
}
