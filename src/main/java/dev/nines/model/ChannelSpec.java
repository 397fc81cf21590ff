package dev.nines.model;

import java.util.Map;

/**
 * Where notifications go: {@code email}, {@code webhook} or {@code slack}, for an audience.
 * Secret settings hold references ({@code env:NAME} or {@code file:PATH}), never the secret.
 */
public record ChannelSpec(String name, String kind, Audience audience,
    Map<String, String> settings) {
  public ChannelSpec {
    settings = Map.copyOf(settings);
  }
}
