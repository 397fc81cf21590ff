package dev.nines.model;

import java.util.Map;

/**
 * Where notifications go: {@code email}, {@code webhook}, {@code slack} or
 * {@code alertmanager}, for an audience and, for a client channel, one client. Secret settings
 * hold references ({@code env:NAME} or {@code file:PATH}), never the secret.
 *
 * @param client the client a channel belongs to: required for a client channel once the spec
 *     has several clients; on an internal channel it narrows it to that client's messages; or
 *     null
 * @param settings the kind's settings by key; nested ones flattened ({@code smtp.host})
 */
public record ChannelSpec(String name, String kind, Audience audience, String client,
    Map<String, String> settings) {
  public ChannelSpec {
    settings = Map.copyOf(settings);
  }

  /** A channel of no particular client. */
  public ChannelSpec(String name, String kind, Audience audience, Map<String, String> settings) {
    this(name, kind, audience, null, settings);
  }
}
