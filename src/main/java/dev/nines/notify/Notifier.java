package dev.nines.notify;

/**
 * Where notifications are handed to be sent: the outbox, which routes each to its audience's
 * channels and delivers it at least once. Handing the same key twice sends it once.
 */
@FunctionalInterface
public interface Notifier {
  /** Takes a notification for delivery; durable when this returns. */
  void send(Notification notification);
}
