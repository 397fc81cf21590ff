package dev.nines.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Self-signed certificates for the CDN's HTTPS listener, made at run time by the JDK's own
 * {@code keytool} (from {@code java.home}). Why keytool: the JDK has no public API to make a
 * certificate, and a library such as Bouncy Castle would add megabytes to the jar for two
 * certificates per run; keytool ships with every JDK, takes under a second, and sets the
 * validity exactly ({@code -startdate}, {@code -validity}), which is all the TLS-expiry
 * monitor and the cert-expiry fault need.
 */
final class Certificates {
  private Certificates() {}

  /**
   * A TLS context serving a new EC key with a certificate for {@code localhost} and 127.0.0.1,
   * valid from {@code startDaysAgo} days ago for {@code validityDays} days (so it has
   * {@code validityDays - startDaysAgo} days left).
   *
   * @param file the PKCS#12 key store to write (replaced if it exists)
   * @throws IOException when keytool is missing or fails, with its output
   */
  static SSLContext make(Path file, int startDaysAgo, int validityDays) throws IOException {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    if (!Files.isExecutable(keytool)) {
      throw new IOException(keytool + ": not found. Expected a JDK (nines demo makes its HTTPS "
          + "certificate with keytool)");
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.deleteIfExists(file);
    byte[] secret = new byte[16];
    new SecureRandom().nextBytes(secret);
    String password = HexFormat.of().formatHex(secret);
    ProcessBuilder b = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair",
        "-alias", "cdn", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=localhost, OU=CDN, O=Acme Logistics (Nines demo)",
        "-ext", "SAN=dns:localhost,ip:127.0.0.1",
        "-startdate", "-" + startDaysAgo + "d", "-validity", Integer.toString(validityDays),
        "-keystore", file.toString(), "-storetype", "PKCS12",
        "-storepass:env", "NINES_DEMO_KEY_PASSWORD", "-keypass:env", "NINES_DEMO_KEY_PASSWORD",
        "-noprompt")).redirectErrorStream(true);
    b.environment().put("NINES_DEMO_KEY_PASSWORD", password);
    Process p = b.start();
    String output;
    try (InputStream in = p.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    }
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IOException("keytool failed: " + output);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("keytool interrupted", e);
    }
    return context(file, password.toCharArray());
  }

  private static SSLContext context(Path file, char[] password) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(
          KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(store, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException(file + ": cannot load the key store (" + e.getMessage() + ")", e);
    }
  }
}
