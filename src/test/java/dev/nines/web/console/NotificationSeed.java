package dev.nines.web.console;

import dev.nines.notify.Notification;
import dev.nines.server.NinesServer;
import dev.nines.store.OutboxMessage;
import dev.nines.testing.FakeClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An outbox with one row in each state, for the notification page tests: an alert to
 * {@code oncall} that failed once (its URL's variable is unset) and waits for its next try, a
 * client notice no channel takes, and 60 delivered reports to {@code team-chat}.
 */
final class NotificationSeed {
  static final int DELIVERED = 60;

  private NotificationSeed() {}

  static void write(NinesServer server) throws InterruptedException {
    List<OutboxMessage> delivered = new ArrayList<>();
    for (int i = 0; i < DELIVERED; i++) {
      var at = FakeClock.NOW.minus(Duration.ofHours(DELIVERED - i));
      delivered.add(new OutboxMessage(0, "report-" + i, "team-chat", "report", "acme",
          "Weekly report " + i, "{}", OutboxMessage.DELIVERED, 1, null, at, at, at.plusSeconds(2)));
    }
    server.store().enqueueOutbox(delivered);
    server.outbox().enqueue(new Notification("alert-1", Notification.Kind.ALERT,
        dev.nines.model.Audience.INTERNAL, "acme", Notification.Status.FIRING, "page",
        "api-internal-errors is burning its budget", "Errors are up.", List.of(), null, null,
        FakeClock.NOW, null, List.of()));
    server.outbox().enqueue(new Notification("notice-1", Notification.Kind.CLIENT_NOTICE,
        dev.nines.model.Audience.CLIENT, "acme", Notification.Status.FIRING, "info",
        "SLO violation on /assign-courier", "", List.of(), null, null, FakeClock.NOW, null,
        List.of()));
    long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (server.store().outbox(OutboxMessage.PENDING, null, 0, 1).messages().stream()
        .noneMatch(m -> m.attempts() == 1)) {
      if (System.nanoTime() > until) {
        throw new IllegalStateException("the sender did not try the alert");
      }
      Thread.sleep(20);
    }
  }
}
