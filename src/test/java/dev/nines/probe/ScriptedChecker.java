package dev.nines.probe;

import dev.nines.model.MonitorSpec;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fake {@link Checker} that plays a script per monitor: {@code "ok"}, or any other word as
 * the error of a failed attempt; past the end of its script a monitor passes.
 */
final class ScriptedChecker implements Checker {
  private final Map<String, Deque<String>> scripts = new ConcurrentHashMap<>();

  ScriptedChecker script(String monitor, String... outcomes) {
    scripts.computeIfAbsent(monitor, k -> new ArrayDeque<>()).addAll(java.util.List.of(outcomes));
    return this;
  }

  @Override public CheckResult check(MonitorSpec monitor) {
    Deque<String> script = scripts.get(monitor.name());
    String next = script == null || script.isEmpty() ? "ok" : script.poll();
    return next.equals("ok") ? CheckResult.passed(200, Phases.total(1))
        : CheckResult.failed(500, next, Phases.total(1));
  }
}
