package dev.nines.notify;

/**
 * A notification a receiver took.
 *
 * @param request what was sent, without secrets: {@code POST hooks.slack.com (812 bytes)} or
 *     {@code mail to dana@acme.example: [FIRING] ...}
 * @param answer what the receiver answered: {@code HTTP 200: ok} or {@code 250 OK}
 */
public record Delivery(String request, String answer) {}
