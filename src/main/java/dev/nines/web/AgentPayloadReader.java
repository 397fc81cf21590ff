package dev.nines.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nines.agent.AgentPayload;
import dev.nines.ingest.TimeWindow;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Reads an {@link AgentPayload} from a request body field by field, so that a wrong shape is
 * a message naming its path ({@code attempts[0].startedAt: is text. Expected epoch
 * milliseconds}), and refuses times outside the {@link TimeWindow}: a result stamped in the
 * far future would otherwise pin a region's state until a restart. The fields are the record
 * components of the payload, which the agent writes.
 */
final class AgentPayloadReader {
  static final List<String> FIELDS = components(AgentPayload.class);
  static final List<String> ATTEMPT_FIELDS = components(AgentPayload.AttemptDto.class);
  static final List<String> STATE_FIELDS = components(AgentPayload.StateDto.class);

  private AgentPayloadReader() {}

  /**
   * The payload in {@code body}, checked against the window around {@code now}.
   *
   * @throws IllegalArgumentException naming the first wrong field
   */
  static AgentPayload read(JsonNode body, Instant now) {
    if (!body.isObject()) {
      throw new IllegalArgumentException("body: is " + JsonBody.shape(body) + ". Expected an "
          + "agent payload object {" + String.join(", ", FIELDS) + "}");
    }
    JsonBody.Fields f = new JsonBody.Fields(body, "");
    f.allowOnly(FIELDS);
    return new AgentPayload(f.text("region", true),
        items(f, "attempts", "an attempt object", a -> attempt(a, now)),
        items(f, "states", "a state object", s -> state(s, now)),
        items(f, "latest", "a state object", s -> state(s, now)));
  }

  private static <T> List<T> items(JsonBody.Fields f, String field, String expected,
      Function<JsonBody.Fields, T> read) {
    List<JsonNode> nodes = f.list(field);
    return java.util.stream.IntStream.range(0, nodes.size()).mapToObj(i -> {
      JsonBody.Fields item = JsonBody.Fields.of(nodes.get(i), f.at(field) + "[" + i + "]",
          expected);
      return read.apply(item);
    }).toList();
  }

  private static AgentPayload.AttemptDto attempt(JsonBody.Fields a, Instant now) {
    a.allowOnly(ATTEMPT_FIELDS);
    return new AgentPayload.AttemptDto(a.text("monitor", true), time(a, "startedAt", now),
        a.bool("ok"), a.integer("status"), a.text("error", false), a.number("dnsMs"),
        a.number("connectMs"), a.number("tlsMs"), a.number("firstByteMs"), a.number("totalMs"),
        a.text("steps", false), certificateExpiry(a));
  }

  /** The notAfter of the certificate the check saw, epoch milliseconds, or null. */
  private static Long certificateExpiry(JsonBody.Fields a) {
    if (a.value("certNotAfter") == null) {
      return null;
    }
    long ms = a.epochMillis("certNotAfter");
    if (ms < 0 || ms > LAST_CERTIFICATE_MILLIS) {
      throw new IllegalArgumentException(a.at("certNotAfter") + ": " + a.node().get("certNotAfter")
          + " is not a certificate expiry. Expected epoch milliseconds in the years 1970-9999");
    }
    return ms;
  }

  /** 9999-12-31T23:59:59.999Z, the latest notAfter an X.509 certificate can say. */
  private static final long LAST_CERTIFICATE_MILLIS = 253_402_300_799_999L;

  private static AgentPayload.StateDto state(JsonBody.Fields s, Instant now) {
    s.allowOnly(STATE_FIELDS);
    return new AgentPayload.StateDto(s.text("monitor", true), time(s, "time", now),
        s.text("state", true), s.text("message", false));
  }

  private static long time(JsonBody.Fields f, String field, Instant now) {
    long ms = f.epochMillis(field);
    Instant t = Instant.ofEpochMilli(ms);
    if (!TimeWindow.plausible(t) || !TimeWindow.contains(t, now)) {
      throw new IllegalArgumentException(f.at(field) + ": " + TimeWindow.outside(
          f.node().get(field).asText()));
    }
    return ms;
  }

  private static List<String> components(Class<? extends Record> type) {
    return Arrays.stream(type.getRecordComponents()).map(c -> c.getName()).toList();
  }
}
