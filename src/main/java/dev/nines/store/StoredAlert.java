package dev.nines.store;

import java.time.Instant;

/**
 * An open alert as stored: its lifecycle fields, and its latest condition as JSON (the alert
 * evaluation owns that shape).
 *
 * @param status {@code pending} or {@code firing}
 */
public record StoredAlert(String fingerprint, String instance, String status,
    Instant activeSince, Instant firingSince, Instant lastNotifiedAt, boolean notified,
    boolean silenced, String conditionJson) {}
