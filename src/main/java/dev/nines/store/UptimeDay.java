package dev.nines.store;

import java.time.Instant;

/**
 * A monitor's uptime over one day [start, end) in milliseconds, kept after its raw
 * observations are pruned: the point value's up, down and unknown time, and the bounds'
 * certain up and uncertain time.
 */
public record UptimeDay(String monitor, Instant start, Instant end, long upMillis,
    long downMillis, long unknownMillis, long certainUpMillis, long uncertainMillis) {}
