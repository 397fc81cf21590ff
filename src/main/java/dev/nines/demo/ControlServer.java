package dev.nines.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.nines.demo.platform.Http;
import dev.nines.model.Durations;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The demo's control endpoint on loopback: {@code GET /demo} (what runs where),
 * {@code GET /demo/faults} (every fault with its state), {@code POST /demo/faults/NAME}
 * (optionally {@code ?for=DURATION}, and {@code &region=R} for region-network) to play one
 * now, and {@code GET /demo/notifications}
 * (what the demo's webhook channels received). Errors are {@code {"error": "..."}}.
 */
final class ControlServer implements AutoCloseable {
  private static final String FAULTS = "/demo/faults";

  private final Faults faults;
  private final DemoTime time;
  private final Supplier<Map<String, Object>> status;
  private final NotificationReceiver notifications;
  private final HttpServer server;

  ControlServer(Faults faults, DemoTime time, Supplier<Map<String, Object>> status,
      NotificationReceiver notifications) throws IOException {
    this.faults = faults;
    this.time = time;
    this.status = status;
    this.notifications = notifications;
    this.server = Http.serve(0, this::handle);
  }

  int port() {
    return server.getAddress().getPort();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + port());
  }

  private void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    String method = ex.getRequestMethod();
    try {
      if (path.equals("/demo") && method.equals("GET")) {
        Http.json(ex, 200, status.get());
      } else if (path.equals(FAULTS) && method.equals("GET")) {
        Http.json(ex, 200, Map.of("faults", faults.states().stream().map(this::json).toList()));
      } else if (path.startsWith(FAULTS + "/") && method.equals("POST")) {
        trigger(ex, path.substring(FAULTS.length() + 1));
      } else if (path.equals("/demo/notifications") && method.equals("GET")) {
        Http.json(ex, 200, Map.of("notifications", notifications.messages()));
      } else if (List.of("/demo", FAULTS, "/demo/notifications").contains(path)
          || path.startsWith(FAULTS + "/")) {
        Http.error(ex, 405, method + " " + path + ": not allowed. Expected "
            + (path.startsWith(FAULTS + "/") ? "POST" : "GET"));
      } else {
        Http.error(ex, 404, path + ": not found. Expected /demo, /demo/faults, "
            + "/demo/faults/NAME or /demo/notifications");
      }
    } catch (RuntimeException e) {
      Http.error(ex, 500, "demo: " + e);
    }
  }

  private void trigger(HttpExchange ex, String name) throws IOException {
    Optional<Fault> fault = Fault.of(name);
    if (fault.isEmpty()) {
      Http.error(ex, 404, "fault '" + name + "': unknown. Expected one of " + Fault.names());
      return;
    }
    Duration duration = null;
    String target = null;
    String query = ex.getRequestURI().getQuery();
    if (query != null) {
      for (String part : query.split("&")) {
        if (part.startsWith("region=")) {
          target = part.substring("region=".length());
        } else if (part.startsWith("for=")) {
          try {
            duration = Durations.parse(part.substring(4));
          } catch (IllegalArgumentException e) {
            Http.error(ex, 400, "for: " + e.getMessage());
            return;
          }
          if (!duration.isPositive()) {
            Http.error(ex, 400, "for: " + part.substring(4) + " is not positive. Expected e.g. 2m");
            return;
          }
        }
      }
    }
    try {
      Http.json(ex, 202, json(faults.trigger(fault.get(), duration, target)));
    } catch (IllegalArgumentException e) {
      Http.error(ex, 400, e.getMessage());
    } catch (IllegalStateException e) {
      Http.error(ex, 409, e.getMessage());
    }
  }

  private Map<String, Object> json(Faults.State s) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("name", s.fault().id());
    o.put("description", s.fault().description());
    o.put("durationSeconds", time.real(s.fault().duration()).toMillis() / 1000.0);
    o.put("active", s.active());
    o.put("since", s.since());
    o.put("until", s.until());
    o.put("times", s.times());
    o.put("target", s.target());
    List<String> targets = faults.targetsOf(s.fault());
    if (!targets.isEmpty()) {
      o.put("targets", targets);
    }
    o.put("available", s.unavailable() == null);
    if (s.unavailable() != null) {
      o.put("unavailable", s.unavailable());
    }
    return o;
  }

  @Override public void close() {
    Http.stop(server);
  }
}
