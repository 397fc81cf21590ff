package dev.nines.probe;

/**
 * Counters of a {@link ProbeEngine} since it started: monitors scheduled, attempts made, slots
 * missed because a check overran a whole interval, checks ended by the watchdog, sink calls
 * that threw, and attempts running now.
 */
public record ProbeStats(int monitors, long attempts, long missedChecks, long watchdogTimeouts,
    long sinkFailures, int running) {}
