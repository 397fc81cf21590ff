package dev.nines.runs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background work done for clients, on one thread of its own so a report that takes
 * seconds never delays probes or alerts: each minute the monthly {@link ReportRun} and the
 * {@link StatusNotices} to status-page subscribers; each hour the {@link UptimeArchive}.
 */
public final class ClientRuns implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClientRuns.class);
  private static final Duration ARCHIVE_EVERY = Duration.ofHours(1);

  private final ReportRun reports;
  private final UptimeArchive uptime;
  private final StatusNotices notices;
  private final Clock clock;
  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
      Thread.ofPlatform().name("nines-clients").daemon(true).factory());
  private volatile Instant archived = Instant.MIN;

  public ClientRuns(ReportRun reports, UptimeArchive uptime, StatusNotices notices,
      Clock clock) {
    this.reports = reports;
    this.uptime = uptime;
    this.notices = notices;
    this.clock = clock;
  }

  /** Starts the runs, the first after {@code delay}. */
  public ClientRuns start(Duration delay) {
    executor.scheduleWithFixedDelay(this::runOnce, delay.toMillis(), 60_000,
        TimeUnit.MILLISECONDS);
    return this;
  }

  /** One round: uptime days when an hour has passed, then reports, then notices. */
  public void runOnce() {
    Instant now = clock.instant();
    try {
      if (archived.equals(Instant.MIN) || !now.isBefore(archived.plus(ARCHIVE_EVERY))) {
        archived = now;
        uptime.runOnce(now);
      }
    } catch (RuntimeException e) {
      LOG.warn("keeping daily uptime failed; trying again in an hour: {}", e.getMessage());
    }
    try {
      reports.runOnce();
    } catch (RuntimeException e) {
      LOG.error("the monthly report run failed; trying again in a minute", e);
    }
    try {
      notices.runOnce(now);
    } catch (RuntimeException e) {
      LOG.warn("status notices failed; trying again in a minute: {}", e.getMessage());
    }
  }

  @Override public void close() {
    executor.shutdownNow();
  }
}
