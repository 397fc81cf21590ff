package dev.nines.notify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Resolver of the secret references of channel settings, {@code env:NAME} and
 * {@code file:PATH}, at send time: a rotated file or a restarted process with a new variable
 * takes effect on the next send. A file's trailing line break is dropped.
 */
public final class Secrets {
  private final UnaryOperator<String> env;

  /** Secrets from {@code env} (a variable lookup, e.g. a map's {@code get} in tests). */
  public Secrets(UnaryOperator<String> env) {
    this.env = env;
  }

  /** Secrets from this process's environment. */
  public static Secrets system() {
    return new Secrets(System::getenv);
  }

  /** An environment variable that is not a reference, e.g. {@code NINES_SMTP_URL}; or null. */
  public String variable(String name) {
    String v = env.apply(name);
    return v == null || v.isBlank() ? null : v;
  }

  /**
   * The secret {@code ref} names.
   *
   * @param what the setting, for messages: {@code channel oncall: url}
   * @throws DeliveryException (to be retried) when the variable is unset or empty, or the file
   *     cannot be read
   */
  public String resolve(String what, String ref) throws DeliveryException {
    if (ref.startsWith("env:")) {
      String name = ref.substring(4);
      String v = env.apply(name);
      if (v == null || v.isEmpty()) {
        throw new DeliveryException(what + ": " + ref + " is not set. Expected the environment "
            + "variable " + name + " to hold the secret", false);
      }
      return v.strip();
    }
    if (ref.startsWith("file:")) {
      Path file = Path.of(ref.substring(5));
      try {
        String v = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (v.isEmpty()) {
          throw new DeliveryException(what + ": " + ref + " is empty. Expected the file to hold "
              + "the secret", false);
        }
        return v;
      } catch (IOException e) {
        String why = e instanceof NoSuchFileException ? "no such file" : e.getClass().getSimpleName();
        throw new DeliveryException(what + ": " + ref + " cannot be read (" + why + "). Expected "
            + "a readable file holding the secret", false);
      }
    }
    throw new DeliveryException(what + ": is not a reference. Expected env:NAME or file:PATH",
        true);
  }

  /** {@code message} with every occurrence of each secret replaced by {@code ***}. */
  static String redact(String message, String... secrets) {
    String out = message == null ? "" : message;
    for (String s : secrets) {
      if (s != null && s.length() >= 4) {
        out = out.replace(s, "***");
      }
    }
    return out;
  }
}
