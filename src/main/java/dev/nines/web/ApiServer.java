package dev.nines.web;

import dev.nines.store.Store;
import dev.nines.store.StoreUnavailableException;
import io.javalin.Javalin;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: the REST API under {@code /api/v1}, {@code /healthz} (shallow) and
 * {@code /readyz} (deep: the store answers and takes a write). Errors are JSON
 * {@code {"error": ...}} with a 4xx or 5xx status, never a stack trace, Jetty's own included.
 */
public final class ApiServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

  private final Javalin app;

  /** The handlers the server routes to. */
  public record Handlers(EventsHandler events, ObservationsHandler observations, SlosHandler slos,
      MonitorsHandler monitors, AgentHandler agents) {}

  public ApiServer(String host, int port, Store store, Handlers h, WebModule... modules) {
    this.app = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.startup.showOldJavalinVersionWarning = false;
      config.startup.startupWatcherEnabled = false;   // a thread that outlived a quick stop
      config.jetty.host = host;
      config.jetty.port = port;
      config.http.maxRequestSize = Long.MAX_VALUE;   // handlers enforce their own limits
      config.concurrency.useVirtualThreads = true;
      config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
      // Jetty reuses a connection's earlier header when a new one matches it ignoring case: an
      // upper-cased token or a case-swapped cookie would pass as the real one before it.
      config.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheCaseSensitive(true));
      config.routes.get("/healthz", ctx -> ctx.result("ok"));
      config.routes.get("/readyz", ctx -> {
        // Ready means writes are taken: a full disk still answers reads, and ping.
        boolean writable = store.ping() && store.writable();
        Json.send(ctx, writable ? 200 : 503, Map.of("store", store.dialect(), "ready", writable,
            "writable", writable));
      });
      config.routes.post("/api/v1/events", h.events()::handle);
      config.routes.post("/api/v1/observations", h.observations()::handle);
      config.routes.get("/api/v1/slos", h.slos()::list);
      config.routes.get("/api/v1/slos/{name}", h.slos()::one);
      config.routes.get("/api/v1/monitors", h.monitors()::list);
      config.routes.get("/api/v1/monitors/{name}/attempts", h.monitors()::attempts);
      config.routes.get("/api/v1/agent/assignments", h.agents()::assignments);
      config.routes.post("/api/v1/agent/results", h.agents()::results);
      config.routes.exception(ApiError.class, (e, ctx) -> {
        if (e.retryAfterSeconds() != null) {
          ctx.header("Retry-After", e.retryAfterSeconds().toString());
        }
        Json.send(ctx, e.status(), Map.of("error", e.getMessage()));
      });
      config.routes.exception(StoreUnavailableException.class, (e, ctx) -> {
        LOG.warn("{} {}: {}", ctx.method(), ctx.path(), e.getMessage());
        ctx.header("Retry-After", "5");
        Json.send(ctx, 503, Map.of("error", "the store is unavailable. Retry later"));
      });
      config.routes.exception(Exception.class, (e, ctx) -> {
        LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
        Json.send(ctx, 500, Map.of("error", "internal error; see the server log"));
      });
      config.routes.error(404, "*", ctx -> {
        if (!"application/json".equals(ctx.res().getContentType())) {
          Json.send(ctx, 404, Map.of("error", "no such resource: " + ctx.path()));
        }
      });
      for (WebModule m : modules) {
        m.register(config);
      }
    });
  }

  /** Every HTTP route as {@code METHOD path}, e.g. {@code GET /api/v1/slos/{name}}. */
  public java.util.List<String> routes() {
    return app.unsafe.internalRouter.allHttpHandlers().stream().map(e -> e.endpoint)
        .filter(e -> e.method.isHttpMethod()).map(e -> e.method.name() + " " + e.path).toList();
  }

  /** Starts serving; returns the port bound (useful with port 0). */
  public int start() {
    app.start();
    return app.port();
  }

  @Override public void close() {
    app.stop();
  }
}
