package dev.nines.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nines.model.ChannelSpec;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A webhook: POSTs the notification as the JSON of {@link NotificationJson} (a group message
 * in Alertmanager's shape, {@link GroupWebhookJson}, at most {@code maxAlerts} of its alerts)
 * plus {@code sentAt}, with {@code X-Nines-Key}, {@code X-Nines-Timestamp} and, when the
 * channel has a {@code secret}, {@code X-Nines-Signature} (see {@link WebhookSignature}).
 */
final class WebhookChannel implements Channel {
  private final ChannelSpec spec;
  private final Secrets secrets;
  private final HttpPost http;
  private final Clock clock;

  WebhookChannel(ChannelSpec spec, Secrets secrets, HttpPost http, Clock clock) {
    this.spec = spec;
    this.secrets = secrets;
    this.http = http;
    this.clock = clock;
  }

  @Override public String name() {
    return spec.name();
  }

  @Override public String kind() {
    return "webhook";
  }

  @Override public Delivery send(Notification n) throws DeliveryException {
    String what = "webhook " + spec.name();
    String url = secrets.resolve(what + ": url", spec.settings().get("url"));
    String secretRef = spec.settings().get("secret");
    String secret = secretRef == null ? null : secrets.resolve(what + ": secret", secretRef);
    Instant now = clock.instant();
    String max = spec.settings().get("maxAlerts");
    byte[] body = body(n, now, spec.name(), max == null ? 0 : Integer.parseInt(max));
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("X-Nines-Key", n.key());
    headers.put(WebhookSignature.TIMESTAMP_HEADER, Long.toString(now.getEpochSecond()));
    if (secret != null) {
      headers.put(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(secret, body));
    }
    return http.post(what, url, body, headers);
  }

  /**
   * The body: the notification's JSON, or for a group message {@link GroupWebhookJson} with
   * {@code receiver} the channel's name and at most {@code maxAlerts} alerts (0: all), and
   * {@code sentAt} (epoch seconds, as the header).
   */
  static byte[] body(Notification n, Instant now, String receiver, int maxAlerts) {
    ObjectNode o = n.group() ? GroupWebhookJson.tree(n, receiver, maxAlerts)
        : NotificationJson.tree(n);
    o.put("sentAt", now.getEpochSecond());
    try {
      return NotificationJson.MAPPER.writeValueAsBytes(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a webhook body", e);
    }
  }
}
