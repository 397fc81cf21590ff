package dev.nines.alert;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One change of an alert, as the history keeps it: it became pending, fired, was repeated,
 * resolved, or cleared before firing. {@code notifies} says whether people are told.
 *
 * @param silenced the change happened inside maintenance of the alert's service, so nobody is
 *     told (it is still recorded)
 */
public record Transition(String instance, Type type, Instant at, Condition condition,
    boolean notifies, boolean silenced) {

  /** What happened. */
  public enum Type {
    PENDING, FIRING, REPEAT, RESOLVED, CLEARED;

    /** Lower case, as the API and the store spell it. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public Transition {
    Objects.requireNonNull(instance, "instance");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(condition, "condition");
  }

  /** The deduplication key of the notification this transition sends. */
  public String notificationKey() {
    return instance + ":" + type.id() + ":" + at.toEpochMilli();
  }
}
