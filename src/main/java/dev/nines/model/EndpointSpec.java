package dev.nines.model;

/**
 * An API endpoint of a service; only critical endpoints should carry SLOs.
 *
 * @param note why the endpoint has no SLO (for the SLO proposal), or null
 */
public record EndpointSpec(String path, String method, boolean critical, String note) {
  /** An endpoint without a note. */
  public EndpointSpec(String path, String method, boolean critical) {
    this(path, method, critical, null);
  }
}
