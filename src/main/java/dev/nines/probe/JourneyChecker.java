package dev.nines.probe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nines.model.HttpCheck;
import dev.nines.model.MonitorSpec;
import dev.nines.uptime.JourneyOutcome;
import dev.nines.uptime.JourneyScore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checker of journeys: runs the steps in order, each an HTTP check whose url, header values and
 * body may use {@code ${name}} values extracted by earlier steps (JSON paths, see
 * {@link JsonPath}), stops at the first failed step and scores the run with
 * {@link JourneyScore} against the monitor's budget (its timeout when it has none). The
 * monitor's timeout bounds the whole run; each step gets what is left of it.
 */
final class JourneyChecker implements Checker {
  private final HttpChecker http;

  JourneyChecker(HttpChecker http) {
    this.http = http;
  }

  @Override public CheckResult check(MonitorSpec monitor) {
    if (monitor.steps().isEmpty()) {
      return CheckResult.failed(null, monitor.name() + ": no steps. Expected at least one step "
          + "in a journey", Phases.NONE);
    }
    long start = System.nanoTime();
    long timeoutMillis = monitor.timeout().toMillis();
    Map<String, String> values = new LinkedHashMap<>();
    List<StepAttempt> steps = new ArrayList<>();
    for (HttpCheck step : monitor.steps()) {
      long leftMillis = timeoutMillis - (System.nanoTime() - start) / 1_000_000;
      StepAttempt attempt = leftMillis > 0 ? step(step, values, leftMillis, monitor.keepAlive())
          : new StepAttempt(step.name(), false, null, "journey: timed out after " + timeoutMillis
              + " ms before this step. Expected every step within the timeout", Phases.NONE);
      steps.add(attempt);
      if (!attempt.ok()) {
        break;
      }
    }
    return result(monitor, steps, (System.nanoTime() - start) / 1e6);
  }

  private static CheckResult result(MonitorSpec monitor, List<StepAttempt> steps,
      double totalMillis) {
    Duration budget = monitor.budget() != null ? monitor.budget() : monitor.timeout();
    JourneyOutcome outcome = JourneyScore.score(steps.stream().map(StepAttempt::result).toList(),
        budget);
    Integer status = steps.get(steps.size() - 1).status();
    String error = switch (outcome.reason()) {
      case PASSED -> null;
      case STEP_FAILED -> "step " + outcome.failedStep() + ": " + steps.stream()
          .filter(s -> !s.ok()).findFirst().orElseThrow().error();
      case OVER_BUDGET -> "journey: took " + outcome.total().toMillis() + " ms. Expected at most "
          + budget.toMillis() + " ms (the budget)";
    };
    return new CheckResult(outcome.good(), status, error, null, Phases.total(totalMillis), steps,
        null);
  }

  private StepAttempt step(HttpCheck step, Map<String, String> values, long timeoutMillis,
      boolean keepAlive) {
    String url;
    Map<String, String> headers = new LinkedHashMap<>();
    String body;
    try {
      url = Variables.substitute(step.url(), values);
      step.headers().forEach((k, v) -> headers.put(k, Variables.substitute(v, values)));
      body = Variables.substitute(step.body(), values);
    } catch (IllegalArgumentException e) {
      return new StepAttempt(step.name(), false, null, e.getMessage(), Phases.NONE);
    }
    HttpChecker.Exchange x = http.exchange(step, url, headers, body, timeoutMillis, keepAlive);
    List<String> problems = new ArrayList<>(HttpChecker.problems(step, x));
    if (problems.isEmpty()) {
      extract(step.extract(), x.body(), values, problems);
    }
    return new StepAttempt(step.name(), problems.isEmpty(), x.status(),
        problems.isEmpty() ? null : String.join("; ", problems), x.phases());
  }

  private static void extract(Map<String, String> extract, BodyText body,
      Map<String, String> values, List<String> problems) {
    for (Map.Entry<String, String> e : extract.entrySet()) {
      String path = e.getValue();
      try {
        JsonNode root = body.json();
        if (root == null) {
          problems.add("body: not JSON (" + body.jsonError() + "). Expected a JSON document to "
              + "extract " + e.getKey() + " from");
          return;
        }
        JsonNode node = JsonPath.compile(path).find(root);
        if (node == null || node.isNull()) {
          problems.add(path + ": missing. Expected a value to extract as " + e.getKey());
        } else {
          values.put(e.getKey(), BodyAssertions.text(node));
        }
      } catch (IllegalArgumentException ex) {
        problems.add(ex.getMessage());
      }
    }
  }
}
