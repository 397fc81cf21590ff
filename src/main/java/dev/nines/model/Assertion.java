package dev.nines.model;

/**
 * A check on a response body: {@code contains} a substring, matches a {@code regex}, or a
 * {@code json-path} whose value must equal {@code expected} (or merely exist when it is null).
 */
public record Assertion(Type type, String path, String expected) {
  /** Assertion types and their spec spellings. */
  public enum Type {
    CONTAINS("contains"), REGEX("regex"), JSON_PATH("json-path");

    private final String id;

    Type(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }
  }
}
