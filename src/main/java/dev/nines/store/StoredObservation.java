package dev.nines.store;

import dev.nines.uptime.State;
import java.time.Instant;

/**
 * A state observation as stored: of a monitor, a service or an external feed, from a region.
 *
 * @param source where it came from: {@code probe}, {@code api}, {@code agent}
 */
public record StoredObservation(String subject, String region, Instant at, State state,
    String message, String source) {}
