package dev.nines.model;

/**
 * One hop on a service's request path (CDN, load balancer, L7 proxy, app). A failure of the
 * layer below shows up as the error ratio of the layer above it.
 */
public record LayerSpec(String name, String kind) {}
