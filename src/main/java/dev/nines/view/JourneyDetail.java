package dev.nines.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nines.model.HttpCheck;
import dev.nines.model.MonitorSpec;
import dev.nines.store.StoredAttempt;
import dev.nines.uptime.JourneyOutcome;
import dev.nines.uptime.StepResult;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A journey monitor's recent runs with the verdict decided once, when the run was checked, and
 * stored with it (good exactly when the attempt passed; the reason read from its stored steps),
 * and per step: runs, failures, median, 95th percentile and slowest time (nearest-rank
 * percentiles over the runs that reached the step), and the last failure.
 *
 * @param good runs whose stored verdict is good
 */
public record JourneyDetail(MonitorSpec spec, Duration budget, List<StepStats> steps,
    List<Run> runs, int good) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public JourneyDetail {
    steps = List.copyOf(steps);
    runs = List.copyOf(runs);
  }

  /** One step over the runs. */
  public record StepStats(String name, int runs, int failures, Double p50Millis,
      Double p95Millis, Double maxMillis, String lastFailure) {}

  /**
   * One run: its steps as stored and the verdict; {@code outcome} is null for a run that
   * stored no steps (it failed before the first one).
   */
  public record Run(Instant start, String region, boolean ok, String error,
      List<StepResult> steps, JourneyOutcome outcome) {
    public Run {
      steps = List.copyOf(steps);
    }
  }

  /** Reads {@code attempts} (newest first) of journey {@code m}. */
  public static JourneyDetail of(MonitorSpec m, List<StoredAttempt> attempts) {
    Duration budget = m.budget() != null ? m.budget() : m.timeout();
    Map<String, List<StepResult>> byStep = new LinkedHashMap<>();
    m.steps().stream().map(HttpCheck::name).forEach(n -> byStep.put(n, new ArrayList<>()));
    List<Run> runs = new ArrayList<>();
    int good = 0;
    for (StoredAttempt a : attempts) {
      List<StepResult> steps = steps(a.stepsJson());
      steps.forEach(s -> byStep.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(s));
      JourneyOutcome outcome = verdict(a.ok(), steps);
      good += a.ok() ? 1 : 0;
      runs.add(new Run(a.startedAt(), a.region(), a.ok(), a.error(), steps, outcome));
    }
    List<StepStats> stats = new ArrayList<>();
    byStep.forEach((name, results) -> stats.add(stats(name, results)));
    return new JourneyDetail(m, budget, stats, runs, good);
  }

  /**
   * The stored verdict of a run: good when the attempt passed; else the first failed step, or
   * over budget when every step passed; null for a failed run that stored no steps (it failed
   * before the first one). Nothing is scored again here.
   */
  static JourneyOutcome verdict(boolean ok, List<StepResult> steps) {
    if (steps.isEmpty() && !ok) {
      return null;
    }
    Duration total = steps.stream().map(StepResult::duration).reduce(Duration.ZERO,
        Duration::plus);
    if (ok) {
      return new JourneyOutcome(true, total, null, JourneyOutcome.Reason.PASSED);
    }
    String failed = steps.stream().filter(s -> !s.passed()).map(StepResult::name).findFirst()
        .orElse(null);
    return failed != null
        ? new JourneyOutcome(false, total, failed, JourneyOutcome.Reason.STEP_FAILED)
        : new JourneyOutcome(false, total, null, JourneyOutcome.Reason.OVER_BUDGET);
  }

  private static StepStats stats(String name, List<StepResult> results) {
    double[] millis = results.stream().mapToDouble(r -> r.duration().toNanos() / 1e6).sorted()
        .toArray();
    int failures = 0;
    String last = null;
    for (StepResult r : results) {
      if (!r.passed()) {
        failures++;
        if (last == null) {
          last = r.failure();   // attempts come newest first
        }
      }
    }
    return new StepStats(name, results.size(), failures, rank(millis, 0.50), rank(millis, 0.95),
        millis.length == 0 ? null : millis[millis.length - 1], last);
  }

  /** Nearest-rank percentile: the smallest value with at least {@code p} of values at or below. */
  static Double rank(double[] sorted, double p) {
    if (sorted.length == 0) {
      return null;
    }
    int k = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length, k) - 1)];
  }

  static List<StepResult> steps(String json) {
    if (json == null || json.isBlank()) {
      return List.of();
    }
    try {
      JsonNode arr = JSON.readTree(json);
      List<StepResult> out = new ArrayList<>();
      for (JsonNode n : arr) {
        boolean ok = n.path("ok").asBoolean(false);
        String error = n.path("error").asText("");
        int status = n.path("status").asInt(-1);
        String failure = ok ? null : !error.isEmpty() ? error
            : status >= 0 ? "status " + status : "failed";
        long micros = Math.round(Math.max(0, n.path("totalMillis").asDouble(0)) * 1000);
        out.add(new StepResult(n.path("name").asText("?"), ok, Duration.ofNanos(micros * 1000),
            failure));
      }
      return out;
    } catch (IOException | IllegalArgumentException e) {
      return List.of();
    }
  }

  /** Failure share of a step, 0–1 (0 without runs). */
  public static double failureRatio(StepStats s) {
    return s.runs() == 0 ? 0.0 : (double) s.failures() / s.runs();
  }
}
