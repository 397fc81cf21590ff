package dev.nines.demo.platform;

/** Where a hop reports what it saw; must not block the request it reports. */
@FunctionalInterface
public interface EventSink {
  void report(HopEvent event);
}
