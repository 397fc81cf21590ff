package dev.nines.web.console;

import dev.nines.model.ClientSpec;
import dev.nines.model.Spec;
import dev.nines.view.ClientCompliance;
import dev.nines.view.ClientCompliances;
import dev.nines.web.auth.AuthFilter;
import dev.nines.web.auth.PageError;
import dev.nines.web.auth.Principal;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The client portal (a client user sees its own client; the team may preview any client with
 * {@code ?client=}) and the public status page of each client that enables one. Both show
 * only SLOs of audience client, and no internal figure.
 */
public final class PortalPages {
  private final ConsolePages pages;
  private final Templates templates;
  private final Supplier<Spec> spec;
  private final ClientCompliances compliance;
  private final Clock clock;

  public PortalPages(ConsolePages pages, Templates templates, Supplier<Spec> spec,
      ClientCompliances compliance, Clock clock) {
    this.pages = pages;
    this.templates = templates;
    this.spec = spec;
    this.compliance = compliance;
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
    ClientCompliance c = name == null ? null : compliance.of(name, clock.instant());
    if (c == null) {
      throw PageError.of(404, "There is no client named '" + name + "'.");
    }
    Map<String, Object> p = pages.params(ctx, c.client().displayName() == null
        ? c.client().name() : c.client().displayName(), "portal");
    p.put("c", c);
    p.put("clients", spec.get().clients());
    templates.send(ctx, 200, "portal.jte", p);
  }

  /** {@code GET /status/{client}}: public, only when the spec enables it. */
  public void status(Context ctx) {
    ClientSpec client = compliance.client(ctx.pathParam("client"));
    if (client == null || !client.statusPage()) {
      throw PageError.of(404, "There is no status page here.");
    }
    Map<String, Object> p = pages.params(ctx, client.displayName() == null ? client.name()
        : client.displayName() + " status", "status");
    p.put("c", compliance.of(client.name(), clock.instant()));
    templates.send(ctx, 200, "status.jte", p);
  }
}
