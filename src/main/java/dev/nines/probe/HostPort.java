package dev.nines.probe;

/** A {@code host:port} target; IPv6 literals are written in brackets, {@code [::1]:443}. */
record HostPort(String host, int port) {
  /**
   * Parses a target.
   *
   * @throws IllegalArgumentException naming the text and the expected form
   */
  static HostPort parse(String text) {
    int colon = text == null ? -1 : text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw invalid(text);
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    try {
      int port = Integer.parseInt(text.substring(colon + 1));
      if (port < 1 || port > 65_535) {
        throw invalid(text);
      }
      return new HostPort(host, port);
    } catch (NumberFormatException e) {
      throw invalid(text);
    }
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException("'" + text + "' is not host:port. Expected e.g. "
        + "api.example.com:443");
  }

  @Override public String toString() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
