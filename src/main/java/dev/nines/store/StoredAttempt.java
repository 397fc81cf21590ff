package dev.nines.store;

import java.time.Instant;

/**
 * One probe attempt as stored, with phase timings in milliseconds (null when the phase did
 * not happen) and, for journeys, the steps as JSON.
 */
public record StoredAttempt(String monitor, String region, Instant startedAt, boolean ok,
    Integer status, String error, Double dnsMillis, Double connectMillis, Double tlsMillis,
    Double firstByteMillis, Double totalMillis, String stepsJson) {}
