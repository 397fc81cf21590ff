package dev.nines.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The log lines one class writes while a test runs (WARN and above, or INFO and above when
 * asked), for tests of what is logged and how often. Close it to detach.
 */
public final class LogCapture implements AutoCloseable {
  private final Logger logger;
  private final Level before;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  private LogCapture(Class<?> type, Level level) {
    this.logger = (Logger) LoggerFactory.getLogger(type);
    this.before = logger.getLevel();
    logger.setLevel(level);
    appender.start();
    logger.addAppender(appender);
  }

  /** Captures what {@code type} logs at WARN and above. */
  public static LogCapture warnings(Class<?> type) {
    return new LogCapture(type, Level.WARN);
  }

  /** Captures what {@code type} logs at INFO and above. */
  public static LogCapture infos(Class<?> type) {
    return new LogCapture(type, Level.INFO);
  }

  /** Each line as {@code LEVEL message}, the message formatted, in order. */
  public synchronized List<String> lines() {
    return appender.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
  }

  /** The lines at {@code level}. */
  public List<String> at(String level) {
    return lines().stream().filter(l -> l.startsWith(level + " ")).toList();
  }

  @Override public void close() {
    logger.detachAppender(appender);
    logger.setLevel(before);
  }
}
