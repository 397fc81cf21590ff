package dev.nines.web;

import io.javalin.config.JavalinConfig;

/** A group of routes, filters and error pages that registers itself on the server's config. */
@FunctionalInterface
public interface WebModule {
  /** Adds the module's routes to {@code config}; called once, while the server is built. */
  void register(JavalinConfig config);
}
