package dev.nines.model;

import java.util.List;
import java.util.Map;

/**
 * Something with SLOs: an API, a platform, a layer. Layers are listed from the client inwards
 * (CDN first, app last); {@code attribution} overrides the default state rule table for its uptime,
 * keyed {@code FROM->TO} with values up, down or unknown.
 *
 * @param quorum regions that must agree on ERROR, or 0 for a majority of the monitor's regions
 */
public record ServiceSpec(String name, String client, String description, List<LayerSpec> layers,
    List<EndpointSpec> endpoints, Map<String, String> attribution, int quorum) {
  public ServiceSpec {
    attribution = Map.copyOf(attribution);
    layers = List.copyOf(layers);
    endpoints = List.copyOf(endpoints);
  }

  /** The endpoint with this path, or null. */
  public EndpointSpec endpoint(String path) {
    return endpoints.stream().filter(e -> e.path().equals(path)).findFirst().orElse(null);
  }
}
