package dev.nines.web;

import dev.nines.spec.Problem;
import dev.nines.spec.SpecException;
import io.javalin.config.JavalinConfig;
import java.io.IOException;
import java.util.Map;

/**
 * {@code POST /api/v1/reload} (admins): reads the spec file again and puts it in force, or
 * answers 400 with every problem and keeps the spec in force. The server also reloads by
 * itself when the file changes.
 */
public final class ReloadModule implements WebModule {
  /** Reloads the spec; the summary is what the answer reports. */
  @FunctionalInterface
  public interface Reloader {
    Map<String, Object> reload() throws IOException, SpecException;
  }

  private final Reloader reloader;

  public ReloadModule(Reloader reloader) {
    this.reloader = reloader;
  }

  @Override public void register(JavalinConfig config) {
    config.routes.post("/api/v1/reload", ctx -> {
      try {
        Json.send(ctx, 200, reloader.reload());
      } catch (SpecException e) {
        Json.send(ctx, 400, Map.of("error", "the spec has errors; the one in force stays",
            "problems", e.problems().stream().map(Problem::toString).toList()));
      } catch (IOException e) {
        throw new ApiError(400, "cannot read the spec: " + e.getMessage());
      }
    });
  }
}
