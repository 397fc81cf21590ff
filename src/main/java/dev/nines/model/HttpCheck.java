package dev.nines.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One HTTP request and what its response must satisfy.
 *
 * @param expectStatus accepted status codes; empty means 200–399
 * @param maxResponseTime slower responses fail the check, or null
 * @param extract values to carry to later journey steps: variable name to JSON path
 */
public record HttpCheck(String name, String method, String url, Map<String, String> headers,
    String body, Set<Integer> expectStatus, List<Assertion> assertions, Duration maxResponseTime,
    boolean followRedirects, boolean verifyTls, Map<String, String> extract) {
  public HttpCheck {
    headers = Map.copyOf(headers);
    expectStatus = Set.copyOf(expectStatus);
    assertions = List.copyOf(assertions);
    extract = Map.copyOf(extract);
  }
}
