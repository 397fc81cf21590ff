package dev.nines.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a webhook body: {@code X-Nines-Signature: sha256=HEX}, HEX being the
 * lower-case hex HMAC-SHA256 of the exact body bytes under the channel's secret (its UTF-8
 * bytes). The body's {@code sentAt} equals {@code X-Nines-Timestamp} (epoch seconds), so the
 * signature covers the time too and a receiver can refuse old or replayed deliveries.
 */
public final class WebhookSignature {
  public static final String SIGNATURE_HEADER = "X-Nines-Signature";
  public static final String TIMESTAMP_HEADER = "X-Nines-Timestamp";
  private static final String PREFIX = "sha256=";

  private WebhookSignature() {}

  /** The header value {@code sha256=HEX} for {@code body}. */
  public static String sign(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
  }

  /**
   * What a receiver checks: the signature matches the body (compared in constant time) and the
   * timestamp is within {@code tolerance} of {@code now}.
   */
  public static boolean verify(String secret, byte[] body, String signature, String timestamp,
      Instant now, Duration tolerance) {
    if (signature == null || timestamp == null) {
      return false;
    }
    long sent;
    try {
      sent = Long.parseLong(timestamp.strip());
    } catch (NumberFormatException e) {
      return false;
    }
    if (Math.abs(now.getEpochSecond() - sent) > tolerance.toSeconds()) {
      return false;
    }
    return MessageDigest.isEqual(sign(secret, body).getBytes(StandardCharsets.US_ASCII),
        signature.strip().getBytes(StandardCharsets.US_ASCII));
  }
}
