package dev.nines.web;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A request body read through a SHA-256 digest, the fingerprint an idempotency key is claimed
 * with: {@link #finish()} reads what the parser left (trailing bytes count too) and returns
 * the digest in hex. Without a key the body is read as it is and there is no fingerprint.
 */
final class BodyFingerprint implements AutoCloseable {
  private final InputStream body;
  private final DigestInputStream digested;

  BodyFingerprint(InputStream body, boolean wanted) {
    this.body = body;
    this.digested = wanted ? new DigestInputStream(body, sha256()) : null;
  }

  /** The stream to parse; closing it leaves the body open for {@link #finish()}. */
  InputStream stream() {
    return digested == null ? body : new FilterInputStream(digested) {
      @Override public void close() {
        // The parser closes what it reads; the rest of the body still counts.
      }
    };
  }

  /** The hex SHA-256 of the whole body, or null when none was wanted. */
  String finish() throws IOException {
    if (digested == null) {
      return null;
    }
    digested.transferTo(OutputStream.nullOutputStream());
    return HexFormat.of().formatHex(digested.getMessageDigest().digest());
  }

  @Override public void close() throws IOException {
    body.close();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
