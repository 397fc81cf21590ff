package dev.nines.notify;

import dev.nines.model.Audience;
import dev.nines.testing.FakeClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Notifications the tests send: a firing and a resolved page, a client notice, a report. */
final class Samples {
  static final Instant STARTS = FakeClock.NOW.minusSeconds(600);
  static final String LINK = "https://nines.ops.example/console/slos/assign-courier-success";

  private Samples() {}

  static Notification firing(String key) {
    return new Notification(key, Notification.Kind.ALERT, Audience.INTERNAL, "acme",
        Notification.Status.FIRING, "page", "assign-courier-success is burning its budget",
        "At this pace the 30-day error budget is gone in 2 days.\n\nFailures started at 10:20.",
        List.of(new Notification.Field("Burn rate 1h", "14.9x (threshold 14.4x)"),
            new Notification.Field("Burn rate 5m", "15.2x (threshold 14.4x)"),
            new Notification.Field("Budget left", "81.2 %")),
        Map.of("alertname", "AssignCourierSuccessBurnRate", "severity", "page",
            "slo", "assign-courier-success", "service", "platform"),
        LINK, STARTS, null, List.of());
  }

  static Notification resolved(String key) {
    Notification f = firing(key);
    return new Notification(key, f.kind(), f.audience(), f.client(), Notification.Status.RESOLVED,
        f.severity(), f.title(), "The burn rate is back under its threshold.", f.fields(),
        f.labels(), f.link(), f.startsAt(), FakeClock.NOW, List.of());
  }

  static Notification notice(String key, String client) {
    return new Notification(key, Notification.Kind.CLIENT_NOTICE, Audience.CLIENT, client,
        Notification.Status.FIRING, "info", "SLO violation on /assign-courier",
        "Courier assignment is failing more often than agreed.", List.of(), Map.of(), null,
        STARTS, null, List.of());
  }

  static Notification report(String key, String client) {
    return new Notification(key, Notification.Kind.REPORT, Audience.CLIENT, client,
        Notification.Status.INFO, "info", "Acme Logistics: SLO report for October 2026",
        "Your monthly SLO compliance report is attached.",
        List.of(new Notification.Field("SLOs met", "5 of 6")), Map.of(), null, STARTS, null,
        List.of(new Notification.Attachment("acme-2026-10.pdf", "application/pdf",
            "%PDF-1.7 test report".getBytes(StandardCharsets.US_ASCII))));
  }
}
