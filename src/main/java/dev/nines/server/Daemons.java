package dev.nines.server;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** The server's own single-thread executors: named daemon threads, so a stuck one never keeps the JVM up. */
final class Daemons {
  private Daemons() {}

  static ScheduledExecutorService scheduler(String name) {
    return Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().name(name).daemon(true).factory());
  }

  static ExecutorService executor(String name) {
    return Executors.newSingleThreadExecutor(
        Thread.ofPlatform().name(name).daemon(true).factory());
  }
}
