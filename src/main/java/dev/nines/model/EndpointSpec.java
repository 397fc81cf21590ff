package dev.nines.model;

/** An API endpoint of a service; only critical endpoints should carry SLOs. */
public record EndpointSpec(String path, String method, boolean critical) {}
