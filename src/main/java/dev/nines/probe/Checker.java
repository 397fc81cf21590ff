package dev.nines.probe;

import dev.nines.model.MonitorSpec;

/**
 * One attempt of a monitor's check. Implementations enforce the monitor's timeout themselves
 * and never throw: every failure comes back as a failed {@link CheckResult}.
 */
@FunctionalInterface
public interface Checker {
  CheckResult check(MonitorSpec monitor);
}
