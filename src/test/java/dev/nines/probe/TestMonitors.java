package dev.nines.probe;

import dev.nines.model.Assertion;
import dev.nines.model.HttpCheck;
import dev.nines.model.MonitorKind;
import dev.nines.model.MonitorSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builders of monitor specs for tests, defaults as in the spec reader. */
final class TestMonitors {
  private TestMonitors() {}

  /** A mutable HTTP request with spec defaults: GET, 200-399, redirects and TLS checks on. */
  static final class Request {
    String name = "request";
    String method = "GET";
    final String url;
    final Map<String, String> headers = new LinkedHashMap<>();
    String body;
    final Set<Integer> status = new LinkedHashSet<>();
    final List<Assertion> assertions = new ArrayList<>();
    Duration maxResponseTime;
    boolean followRedirects = true;
    boolean verifyTls = true;
    final Map<String, String> extract = new LinkedHashMap<>();

    Request(String url) {
      this.url = url;
    }

    Request named(String n) {
      name = n;
      return this;
    }

    Request method(String m, String b) {
      method = m;
      body = b;
      return this;
    }

    Request header(String k, String v) {
      headers.put(k, v);
      return this;
    }

    Request expect(Integer... codes) {
      status.addAll(List.of(codes));
      return this;
    }

    Request contains(String text) {
      assertions.add(new Assertion(Assertion.Type.CONTAINS, null, text));
      return this;
    }

    Request regex(String re) {
      assertions.add(new Assertion(Assertion.Type.REGEX, null, re));
      return this;
    }

    Request jsonPath(String path, String equals) {
      assertions.add(new Assertion(Assertion.Type.JSON_PATH, path, equals));
      return this;
    }

    Request maxResponseTime(Duration d) {
      maxResponseTime = d;
      return this;
    }

    Request noRedirects() {
      followRedirects = false;
      return this;
    }

    Request noTlsVerification() {
      verifyTls = false;
      return this;
    }

    Request extract(String variable, String path) {
      extract.put(variable, path);
      return this;
    }

    HttpCheck check() {
      return new HttpCheck(name, method, url, headers, body, status, assertions, maxResponseTime,
          followRedirects, verifyTls, extract);
    }
  }

  static Request get(String url) {
    return new Request(url);
  }

  static MonitorSpec http(String name, Request request, Duration timeout) {
    return new MonitorSpec(name, "platform", MonitorKind.HTTP, MonitorSpec.Depth.SHALLOW,
        Duration.ofSeconds(30), timeout, 0, Duration.ofSeconds(5), List.of(), null,
        request.check(), List.of(), null, 0, 0);
  }

  static MonitorSpec http(Request request) {
    return http("api", request, Duration.ofSeconds(5));
  }

  /** The same monitor reusing its connections between checks. */
  static MonitorSpec keepAlive(MonitorSpec m) {
    return new MonitorSpec(m.name(), m.service(), m.kind(), m.depth(), m.interval(), m.timeout(),
        m.retries(), m.retryInterval(), m.regions(), m.target(), m.http(), m.steps(), m.budget(),
        m.warnDays(), m.failDays(), true);
  }

  static MonitorSpec target(MonitorKind kind, String target, Duration timeout, int warnDays,
      int failDays) {
    return new MonitorSpec("target", "platform", kind, MonitorSpec.Depth.SHALLOW,
        Duration.ofMinutes(1), timeout, 0, Duration.ofSeconds(5), List.of(), target, null,
        List.of(), null, warnDays, failDays);
  }

  static MonitorSpec journey(Duration timeout, Duration budget, Request... steps) {
    return new MonitorSpec("order-to-tracking", "platform", MonitorKind.JOURNEY,
        MonitorSpec.Depth.DEEP, Duration.ofMinutes(5), timeout, 0, Duration.ofSeconds(5),
        List.of(), null, null, List.of(steps).stream().map(Request::check).toList(), budget, 0, 0);
  }

  /** A monitor for scheduler tests; the checker is faked, so the request is never sent. */
  static MonitorSpec scheduled(String name, Duration interval, int retries,
      Duration retryInterval) {
    return new MonitorSpec(name, "platform", MonitorKind.HTTP, MonitorSpec.Depth.SHALLOW,
        interval, Duration.ofSeconds(2), retries, retryInterval, List.of(), null,
        get("http://127.0.0.1:9/" + name).check(), List.of(), null, 0, 0);
  }

  /** The same monitor with another interval, timeout and retries. */
  static MonitorSpec timing(MonitorSpec m, Duration interval, Duration timeout, int retries,
      Duration retryInterval) {
    return new MonitorSpec(m.name(), m.service(), m.kind(), m.depth(), interval, timeout, retries,
        retryInterval, m.regions(), m.target(), m.http(), m.steps(), m.budget(), m.warnDays(),
        m.failDays());
  }
}
