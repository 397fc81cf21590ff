package dev.nines.web.console;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.util.Map;

/** The precompiled jte templates of {@code src/main/jte}, rendered into answers. */
public final class Templates {
  private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

  /** Renders {@code name} (e.g. {@code overview.jte}) with its parameters. */
  public String render(String name, Map<String, Object> params) {
    StringOutput out = new StringOutput(16 * 1024);
    engine.render(name, params, out);
    return out.toString();
  }

  /** Answers {@code status} with the rendered page. */
  public void send(Context ctx, int status, String name, Map<String, Object> params) {
    ctx.status(status).header("Cache-Control", "no-store")
        .header("X-Content-Type-Options", "nosniff")
        .header("X-Frame-Options", "DENY")
        .header("Referrer-Policy", "same-origin")
        .header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; "
            + "style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'")
        .contentType("text/html; charset=utf-8").result(render(name, params));
  }
}
