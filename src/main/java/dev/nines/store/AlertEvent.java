package dev.nines.store;

import java.time.Instant;

/**
 * One transition of an alert in the history, with the columns lists filter on and the
 * condition as JSON.
 *
 * @param id the row id, or 0 before it is stored
 * @param transition pending, firing, repeat, resolved or cleared
 * @param notified whether people are told of it
 * @param delivered whether it was handed on (to the outbox and incidents); a transition that
 *     tells nobody is stored delivered
 */
public record AlertEvent(long id, String instance, String fingerprint, String kind,
    String severity, String audience, String service, String client, String subject,
    String region, String transition, Instant at, boolean notified, boolean silenced,
    String title, String conditionJson, boolean delivered) {}
