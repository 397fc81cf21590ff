package dev.nines.web.console;

import dev.nines.ingest.IngestWriter;
import dev.nines.model.Spec;
import dev.nines.live.LiveSlos;
import dev.nines.live.ProbeRecorder;
import dev.nines.store.Store;
import dev.nines.view.ClientCompliances;
import dev.nines.view.MonitorDetails;
import dev.nines.web.ApiTokens;
import dev.nines.web.WebModule;
import dev.nines.web.auth.AccessPolicy;
import dev.nines.web.auth.AuthFilter;
import dev.nines.web.console.AuthPages;
import dev.nines.web.auth.LoginLimiter;
import dev.nines.web.auth.PageError;
import dev.nines.web.auth.Sessions;
import dev.nines.web.auth.Users;
import dev.nines.web.metrics.MetricsHandler;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web console, client portal, status pages, their JSON API, {@code /metrics} and
 * {@code /openapi.json}, behind the sign-in gate: everything issue 5 adds to the server, as
 * one module. {@link #createFirstAdmin()}, once the server listens, makes the first admin when
 * the store has no user yet.
 */
public final class Console implements WebModule {
  private static final Logger LOG = LoggerFactory.getLogger(Console.class);
  private static final String PAGE_ERROR = "nines.pageError";

  private final Sessions sessions;
  private final Users users;
  private final AuthFilter filter;
  private final AuthPages auth;
  private final Templates templates = new Templates();
  private final ConsolePages pages;
  private final PortalPages portal;
  private final StatusPages status;
  private final UserPages userPages;
  private final ConsoleApi api;
  private final MetricsHandler metrics;
  private final OperationsApi operationsApi;
  private final OperationsPages operations;
  private final NotificationPages notifications;
  private final ReportPages reports;
  private final byte[] openApi;
  private final String adminPassword;

  /** Builds the module; {@code adminPassword} (e.g. NINES_ADMIN_PASSWORD) may be null. */
  public Console(Supplier<Spec> sp, Store store, Supplier<LiveSlos> lv, ProbeRecorder probes,
      IngestWriter writer, ApiTokens tokens, Clock clock, String adminPassword,
      dev.nines.web.metrics.RequestMetrics requests, dev.nines.notify.SendCounters sent,
      Operations ops, Supplier<dev.nines.maintenance.MaintenanceCalendar> maintenance,
      dev.nines.notify.Outbox outbox) {
    this(sp, store, lv, probes, writer, tokens, clock, adminPassword, requests, sent, ops,
        maintenance, outbox, null);
  }

  /**
   * Builds the module with the counters of the server's own prober for {@code /metrics}
   * ({@code prober} null when the server does not probe).
   */
  public Console(Supplier<Spec> sp, Store store, Supplier<LiveSlos> lv, ProbeRecorder probes,
      IngestWriter writer, ApiTokens tokens, Clock clock, String adminPassword,
      dev.nines.web.metrics.RequestMetrics requests, dev.nines.notify.SendCounters sent,
      Operations ops, Supplier<dev.nines.maintenance.MaintenanceCalendar> maintenance,
      dev.nines.notify.Outbox outbox, Supplier<dev.nines.probe.ProbeStats> prober) {
    this.sessions = new Sessions(clock);
    this.users = new Users(store, sp, clock);
    this.filter = new AuthFilter(sessions, tokens, users);
    this.auth = new AuthPages(users, sessions, new LoginLimiter(clock), templates, clock,
        sp.get().timeZone());
    this.pages = new ConsolePages(templates, sp, lv, probes, store, clock, ops.alerts()::open);
    ClientCompliances compliance = new ClientCompliances(sp, lv, store);
    this.portal = new PortalPages(pages, templates, sp, compliance, store, clock);
    MonitorDetails monitorDetails = new MonitorDetails(sp, probes, store);
    this.status = new StatusPages(pages, templates, sp, store, new dev.nines.view.ClientStatuses(
        sp, store, monitorDetails, compliance, maintenance), outbox, clock);
    this.userPages = new UserPages(pages, templates, users, sessions, sp);
    this.api = new ConsoleApi(sp, lv, monitorDetails, compliance, users, store, clock);
    this.metrics = new MetricsHandler(sp, lv, probes, writer, store, sessions::size, requests,
        sent, prober);
    this.notifications = new NotificationPages(pages, templates, store);
    this.operationsApi = new OperationsApi(sp, store, ops, clock);
    this.operations = new OperationsPages(pages, templates, sp, store, ops, operationsApi, clock);
    this.reports = new ReportPages(pages, templates, sp, store, maintenance, clock);
    this.openApi = resource("/openapi.json");
    this.adminPassword = adminPassword;
  }

  /**
   * Creates the first admin when the store has no user, printing a generated password once.
   * Called after the port is bound, so a server that cannot start has created and shown none.
   */
  public void createFirstAdmin() {
    Optional<String> generated = users.bootstrap(adminPassword);
    generated.ifPresent(Console::announce);
  }

  private static void announce(String password) {
    String line = "=".repeat(72);
    System.out.printf("%s%nnines: created the first user, '%s' (role admin), with the one-time "
        + "password%n%n    %s%n%nSign in and change it at /account; it is not shown again. Set "
        + "NINES_ADMIN_PASSWORD to choose it.%n%s%n", line, Users.FIRST_ADMIN, password, line);
    System.out.flush();
    LOG.warn("created the first admin '{}' with a generated password (printed on stdout once)",
        Users.FIRST_ADMIN);
  }

  /** The users, for tests and the CLI. */
  public Users users() {
    return users;
  }

  @Override public void register(JavalinConfig config) {
    config.staticFiles.enableWebjars();
    config.staticFiles.add(f -> {
      f.hostedPath = "/assets";
      f.directory = "/web";
      f.location = Location.CLASSPATH;
      f.headers = Map.of("Cache-Control", "max-age=300");
    });
    var r = config.routes;
    r.before(filter);
    r.get("/", auth::home);
    r.get("/login", auth::loginForm);
    r.post("/login", auth::login);
    r.post("/logout", auth::logout);
    r.get("/account", auth::account);
    r.post("/account", auth::changePassword);
    r.get("/console", pages::overview);
    r.get("/console/slos/{name}", pages::slo);
    r.get("/console/monitors", pages::monitors);
    r.get("/console/monitors/{name}", pages::monitor);
    r.get("/console/journeys", pages::journeys);
    r.get("/console/journeys/{name}", pages::journey);
    r.get("/console/layers", pages::layers);
    r.get("/console/alerts", operations::alerts);
    r.get("/console/incidents", operations::incidents);
    r.post("/console/incidents", operations::open);
    r.get("/console/incidents/{id}", operations::incident);
    r.post("/console/incidents/{id}/{action}", operations::act);
    r.get("/console/maintenance", operations::maintenance);
    r.post("/console/maintenance", operations::addMaintenance);
    r.post("/console/maintenance/{id}/delete", operations::deleteMaintenance);
    r.get("/api/v1/alerts", operationsApi::alerts);
    r.get("/api/v1/alerts/history", operationsApi::history);
    r.get("/api/v1/incidents", operationsApi::incidents);
    r.post("/api/v1/incidents", operationsApi::open);
    r.get("/api/v1/incidents/{id}", operationsApi::incident);
    r.post("/api/v1/incidents/{id}/updates", operationsApi::update);
    r.put("/api/v1/incidents/{id}/root-cause", operationsApi::rootCause);
    r.post("/api/v1/incidents/{id}/resolve", operationsApi::resolve);
    r.get("/api/v1/maintenance", operationsApi::maintenance);
    r.post("/api/v1/maintenance", operationsApi::addMaintenance);
    r.delete("/api/v1/maintenance/{id}", operationsApi::deleteMaintenance);
    r.get("/console/reports", reports::page);
    r.get("/api/v1/reports", reports::list);
    r.get("/api/v1/reports/{client}/{month}", reports::one);
    r.get("/console/notifications", notifications::page);
    r.get("/console/users", userPages::list);
    r.post("/console/users", userPages::add);
    r.post("/console/users/{name}/reset-password", userPages::resetPassword);
    r.post("/console/users/{name}/disable", userPages::disable);
    r.post("/console/users/{name}/enable", userPages::enable);
    r.post("/console/users/{name}/remove", userPages::remove);
    r.get("/portal", portal::portal);
    r.get("/status/{client}", status::page);
    r.get("/status/{client}/feed.atom", status::feed);
    r.post("/status/{client}/subscribe", status::subscribe);
    r.get("/status/{client}/confirm", status::confirm);
    r.get("/status/{client}/unsubscribe", status::unsubscribe);
    r.get("/metrics", metrics::handle);
    r.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
    r.get("/api/v1/slos/{name}/history", api::sloHistory);
    r.get("/api/v1/monitors/{name}", api::monitor);
    r.get("/api/v1/monitors/{name}/observations", api::observations);
    r.get("/api/v1/journeys", api::journeys);
    r.get("/api/v1/journeys/{name}", api::journey);
    r.get("/api/v1/layers", api::layers);
    r.get("/api/v1/clients", api::clients);
    r.get("/api/v1/portal", api::portal);
    r.get("/api/v1/status/{client}", status::api);
    r.get("/api/v1/users", api::users);
    r.get("/api/v1/notifications", notifications::api);
    r.exception(PageError.class, this::page);
    // Runs after the server's JSON 404 (Accept: text/html only): pages get an HTML answer.
    r.error(404, "html", ctx -> {
      if (!AccessPolicy.api(ctx.path())) {
        PageError e = ctx.attribute(PAGE_ERROR);
        page(e != null ? e : PageError.of(404, "There is no page at " + ctx.path() + "."), ctx);
      }
    });
  }

  private void page(PageError e, Context ctx) {
    ctx.attribute(PAGE_ERROR, e);
    if (e.location() != null) {
      ctx.status(e.status()).header("Location", e.location()).result("");
      return;
    }
    Map<String, Object> p = pages.params(ctx, "Error " + e.status(), "");
    p.put("status", e.status());
    p.put("message", e.getMessage());
    templates.send(ctx, e.status(), "error.jte", p);
  }

  private static byte[] resource(String path) {
    try (InputStream in = Console.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(path + " is missing from the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
