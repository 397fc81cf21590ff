package dev.nines.web.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Password hashing with bcrypt (cost {@value #COST}, salted, the {@code $2a$} form), the
 * password rules, and generated one-time passwords. Verifying an unknown user's password
 * costs the same as a known one's, so timing does not tell which names exist.
 */
public final class Passwords {
  /** bcrypt work factor: about 0.2 s per hash on one core of the project machine. */
  public static final int COST = 12;
  /** Shortest password accepted. */
  public static final int MIN_LENGTH = 12;
  /** bcrypt reads at most 72 bytes; longer passwords are refused rather than truncated. */
  public static final int MAX_BYTES = 72;

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String DUMMY = hash("not-a-real-password-only-for-timing");

  private Passwords() {}

  /** A bcrypt hash of {@code password}. */
  public static String hash(String password) {
    return BCrypt.withDefaults().hashToString(COST, password.toCharArray());
  }

  /** Whether {@code password} matches {@code hash}; a null hash is checked against a dummy. */
  public static boolean verify(String password, String hash) {
    if (password == null || password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      return false;
    }
    boolean ok = BCrypt.verifyer().verify(password.toCharArray(),
        (hash == null ? DUMMY : hash).toCharArray()).verified;
    return ok && hash != null;
  }

  /**
   * Checks the password rules.
   *
   * @throws IllegalArgumentException saying which rule is broken
   */
  public static void requireValid(String password) {
    if (password == null || password.length() < MIN_LENGTH) {
      throw new IllegalArgumentException("password: too short. Expected at least " + MIN_LENGTH
          + " characters");
    }
    if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw new IllegalArgumentException("password: too long. Expected at most " + MAX_BYTES
          + " bytes (bcrypt ignores the rest)");
    }
  }

  /** A random password of 24 URL-safe characters (144 bits). */
  public static String generate() {
    byte[] b = new byte[18];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
