package dev.nines.agent;

import java.util.List;

/**
 * One push of probe results from an agent to the server ({@code POST /api/v1/agent/results}):
 * every attempt, the states that became final, and the latest live state of each monitor
 * (a pending UNKNOWN included). Times are epoch milliseconds.
 */
public record AgentPayload(String region, List<AttemptDto> attempts, List<StateDto> states,
    List<StateDto> latest) {
  public AgentPayload {
    attempts = attempts == null ? List.of() : List.copyOf(attempts);
    states = states == null ? List.of() : List.copyOf(states);
    latest = latest == null ? List.of() : List.copyOf(latest);
  }

  /**
   * One attempt with its phase timings (null when a phase did not happen), a journey's steps
   * as stored, and when the certificate of an HTTPS or TLS check expires (epoch ms, or null).
   */
  public record AttemptDto(String monitor, long startedAt, boolean ok, Integer status,
      String error, Double dnsMs, Double connectMs, Double tlsMs, Double firstByteMs,
      Double totalMs, String steps, Long certNotAfter) {}

  /** One state of a monitor at a time; message is the failure, or null. */
  public record StateDto(String monitor, long time, String state, String message) {}
}
