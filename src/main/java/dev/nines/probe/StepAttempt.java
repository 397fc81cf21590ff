package dev.nines.probe;

import dev.nines.uptime.StepResult;
import java.time.Duration;

/**
 * One step of a journey attempt: whether it passed, the HTTP status (null without a
 * response), the failure (null when it passed) and its phase timings.
 */
public record StepAttempt(String name, boolean ok, Integer status, String error, Phases phases) {
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  /**
   * The steps of a run as they are stored and sent by agents: a JSON array of
   * {@code {name, ok, status (-1 without one), error ("" without one), totalMillis}}; null for
   * no steps. The one place the stored shape is written.
   */
  public static String json(java.util.List<StepAttempt> steps) {
    if (steps.isEmpty()) {
      return null;
    }
    try {
      return JSON.writeValueAsString(steps.stream().map(st -> {
        java.util.Map<String, Object> o = new java.util.LinkedHashMap<>();
        o.put("name", st.name());
        o.put("ok", st.ok());
        o.put("status", st.status() == null ? -1 : st.status());
        o.put("error", st.error() == null ? "" : st.error());
        o.put("totalMillis", st.phases().totalMillis());
        return o;
      }).toList());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("journey steps cannot be written as JSON", e);
    }
  }

  /** The step as the journey scoring in {@code dev.nines.uptime} sees it. */
  public StepResult result() {
    long nanos = Math.round(Math.max(0, phases.totalMillis()) * 1_000_000);
    return new StepResult(name, ok, Duration.ofNanos(nanos), error);
  }
}
