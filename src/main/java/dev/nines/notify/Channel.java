package dev.nines.notify;

/**
 * Where one notification is sent: one implementation per channel kind, made from a
 * {@link dev.nines.model.ChannelSpec} by {@link Channels}. Sending is synchronous and bounded by
 * timeouts; secrets are resolved on every send, so a rotated secret applies at once.
 */
public interface Channel {
  /** The channel's name in the spec. */
  String name();

  /** The channel's kind: {@code email}, {@code webhook}, {@code slack} or {@code alertmanager}. */
  String kind();

  /**
   * Sends {@code n} once.
   *
   * @return what was sent and what the receiver answered
   * @throws DeliveryException with a precise message (HTTP status and a short excerpt of the
   *     answer, or the SMTP reply) that never contains a secret
   */
  Delivery send(Notification n) throws DeliveryException;
}
