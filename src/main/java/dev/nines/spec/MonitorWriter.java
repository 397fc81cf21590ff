package dev.nines.spec;

import static dev.nines.spec.SpecWriter.YAML;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nines.model.Assertion;
import dev.nines.model.HttpCheck;
import dev.nines.model.MonitorKind;
import dev.nines.model.MonitorSpec;
import java.time.Duration;

/**
 * Writer of the {@code monitors} section of a native spec: the inverse of
 * {@link MonitorReader}. Writes the fields of the monitor's kind only, leaving out the
 * reader's defaults (interval 1m, timeout the shorter of 10s and the interval, no retries
 * 5s apart, shallow, a journey budget equal to the timeout, certificate days 21 and 7).
 */
final class MonitorWriter {
  private static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);
  private static final Duration MAX_DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration DEFAULT_RETRY_INTERVAL = Duration.ofSeconds(5);

  private MonitorWriter() {}

  static ObjectNode monitor(MonitorSpec m) {
    ObjectNode n = YAML.createObjectNode();
    SpecWriter.text(n, "name", m.name());
    SpecWriter.text(n, "service", m.service());
    n.put("kind", m.kind().id());
    if (m.kind() == MonitorKind.EXTERNAL) {
      SpecWriter.duration(n, "interval", m.interval(), DEFAULT_INTERVAL);
      SpecWriter.strings(n, "regions", m.regions());
      return n;
    }
    if (m.depth() == MonitorSpec.Depth.DEEP) {
      n.put("depth", "deep");
    }
    Duration interval = m.interval() == null ? DEFAULT_INTERVAL : m.interval();
    SpecWriter.duration(n, "interval", m.interval(), DEFAULT_INTERVAL);
    Duration timeout = m.timeout() == null ? defaultTimeout(interval) : m.timeout();
    SpecWriter.duration(n, "timeout", m.timeout(), defaultTimeout(interval));
    if (m.retries() != 0) {
      n.put("retries", m.retries());
    }
    SpecWriter.duration(n, "retryInterval", m.retryInterval(), DEFAULT_RETRY_INTERVAL);
    if (m.kind() == MonitorKind.JOURNEY) {
      SpecWriter.duration(n, "budget", m.budget(), timeout);
    }
    SpecWriter.strings(n, "regions", m.regions());
    if (m.keepAlive()) {
      n.put("keepAlive", true);
    }
    kindFields(n, m);
    return n;
  }

  private static Duration defaultTimeout(Duration interval) {
    return interval.compareTo(MAX_DEFAULT_TIMEOUT) < 0 ? interval : MAX_DEFAULT_TIMEOUT;
  }

  private static void kindFields(ObjectNode n, MonitorSpec m) {
    switch (m.kind()) {
      case HTTP -> {
        if (m.http() != null) {
          n.set("request", request(m.http(), false));
        }
      }
      case TCP -> SpecWriter.text(n, "target", m.target());
      case TLS -> {
        SpecWriter.text(n, "target", m.target());
        if (m.warnDays() != 21) {
          n.put("warnDays", m.warnDays());
        }
        if (m.failDays() != 7) {
          n.put("failDays", m.failDays());
        }
      }
      case JOURNEY -> SpecWriter.list(n, "steps", m.steps(), s -> request(s, true));
      case EXTERNAL -> { }
    }
  }

  /** A request; the name is written for journey steps only (a request takes the monitor's). */
  private static ObjectNode request(HttpCheck c, boolean step) {
    ObjectNode n = YAML.createObjectNode();
    if (step) {
      SpecWriter.text(n, "name", c.name());
    }
    if (c.method() != null && !c.method().equals("GET")) {
      n.put("method", c.method());
    }
    SpecWriter.text(n, "url", c.url());
    SpecWriter.textMap(n, "headers", c.headers());
    SpecWriter.text(n, "body", c.body());
    SpecWriter.integers(n, "expectStatus", c.expectStatus());
    SpecWriter.duration(n, "maxResponseTime", c.maxResponseTime(), null);
    if (!c.followRedirects()) {
      n.put("followRedirects", false);
    }
    if (!c.verifyTls()) {
      n.put("verifyTls", false);
    }
    SpecWriter.textMap(n, "extract", c.extract());
    SpecWriter.list(n, "assertions", c.assertions(), MonitorWriter::assertion);
    return n;
  }

  private static ObjectNode assertion(Assertion a) {
    ObjectNode n = YAML.createObjectNode();
    switch (a.type()) {
      case CONTAINS -> SpecWriter.text(n, "contains", a.expected());
      case REGEX -> SpecWriter.text(n, "regex", a.expected());
      case JSON_PATH -> {
        SpecWriter.text(n, "jsonPath", a.path());
        SpecWriter.text(n, "equals", a.expected());
      }
    }
    return n;
  }
}
