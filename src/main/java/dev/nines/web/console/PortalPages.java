package dev.nines.web.console;

import dev.nines.model.Spec;
import dev.nines.store.Store;
import dev.nines.view.ClientCompliance;
import dev.nines.view.ClientCompliances;
import dev.nines.view.ClientIncidents;
import dev.nines.view.ClientStatus;
import dev.nines.web.auth.AuthFilter;
import dev.nines.web.auth.PageError;
import dev.nines.web.auth.Principal;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The client portal (a client user sees its own client; the team may preview any client with
 * {@code ?client=}): each client SLO's month in the client's words, its incidents with their
 * root-cause notes, report downloads and a link to the status page. Only SLOs of audience
 * client, and no internal figure: no burn rate, no monitor, no other client.
 */
public final class PortalPages {
  private final ConsolePages pages;
  private final Templates templates;
  private final Supplier<Spec> spec;
  private final ClientCompliances compliance;
  private final Store store;
  private final Clock clock;

  public PortalPages(ConsolePages pages, Templates templates, Supplier<Spec> spec,
      ClientCompliances compliance, Store store, Clock clock) {
    this.pages = pages;
    this.templates = templates;
    this.spec = spec;
    this.compliance = compliance;
    this.store = store;
    this.clock = clock;
  }

  /** The client a portal request is about: the user's own, or {@code ?client=} for the team. */
  public static String clientOf(Context ctx, Spec spec) {
    Principal p = AuthFilter.principal(ctx);
    if (!p.internal()) {
      return p.client();
    }
    String c = ctx.queryParam("client");
    if (c == null || c.isBlank()) {
      return spec.clients().isEmpty() ? null : spec.clients().get(0).name();
    }
    return c;
  }

  /** {@code GET /portal}. */
  public void portal(Context ctx) {
    String name = clientOf(ctx, spec.get());
    Instant now = clock.instant();
    ClientCompliance c = name == null ? null : compliance.of(name, now);
    if (c == null) {
      throw PageError.of(404, "There is no client named '" + name + "'.");
    }
    Spec sp = spec.get();
    Map<String, Object> p = pages.params(ctx, c.client().title(), "portal");
    p.put("c", c);
    p.put("clients", sp.clients());
    p.put("incidents", ClientIncidents.between(store, name, now.minus(Duration.ofDays(
        ClientStatus.DAYS)), now).stream().map(i -> new ClientStatus.PublicIncident(i,
            ClientIncidents.title(i, sp), java.util.List.of())).toList());
    p.put("reports", store.reports(name));
    p.put("lastMonth", c.month().minusMonths(1).toString());
    templates.send(ctx, 200, "portal.jte", p);
  }

}
