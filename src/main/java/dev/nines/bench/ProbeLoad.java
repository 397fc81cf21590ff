package dev.nines.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The driver of {@code bench/probes-vs-blackbox.sh}: calls a URL (blackbox_exporter's
 * {@code /probe}) at a fixed rate over kept-alive connections, as Prometheus scrapes it, and
 * counts the answers in a measured window after a warm-up. Only the prober's CPU is measured;
 * this process just asks.
 */
public final class ProbeLoad {
  /**
   * What one run saw in its measured window, and the CPU seconds the prober process used in it
   * (-1 when no process was given).
   */
  public record Result(long sent, long answered, long succeeded, long failed,
      double proberCpuSeconds) {}

  private final URI url;
  private final int rate;
  private final int connections;

  /**
   * @param rate requests per second, spread evenly over {@code connections} senders
   */
  public ProbeLoad(URI url, int rate, int connections) {
    if (rate < 1 || connections < 1) {
      throw new IllegalArgumentException("rate " + rate + ", connections " + connections
          + ": out of range. Expected at least 1 of each");
    }
    this.url = url;
    this.rate = rate;
    this.connections = connections;
  }

  /**
   * Sends for {@code warmup + window}; counts what was sent in the window and how it was
   * answered (an answer succeeds when its body has {@code probe_success 1}).
   */
  public Result run(Duration warmup, Duration window, long proberPid, PrintWriter out)
      throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    LongAdder sent = new LongAdder();
    LongAdder answered = new LongAdder();
    LongAdder succeeded = new LongAdder();
    LongAdder failed = new LongAdder();
    long start = System.nanoTime();
    long from = start + warmup.toNanos();
    long to = from + window.toNanos();
    long gapNanos = 1_000_000_000L * connections / rate;
    List<Thread> senders = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      long offset = gapNanos * c / connections;
      senders.add(Thread.ofVirtual().start(() -> {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).GET()
            .build();
        for (long next = start + offset; next < to; next += gapNanos) {
          sleepUntil(next);
          boolean counted = next >= from;
          if (counted) {
            sent.increment();
          }
          try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (counted) {
              answered.increment();
              (r.statusCode() == 200 && r.body().contains("\nprobe_success 1") ? succeeded
                  : failed).increment();
            }
          } catch (IOException e) {
            if (counted) {
              failed.increment();
            }
          } catch (InterruptedException e) {
            return;
          }
        }
      }));
    }
    sleepUntil(from);
    double cpuFrom = cpuSeconds(proberPid);
    sleepUntil(to);
    double cpuTo = cpuSeconds(proberPid);
    for (Thread t : senders) {
      t.join();
    }
    Result r = new Result(sent.sum(), answered.sum(), succeeded.sum(), failed.sum(),
        proberPid > 0 ? cpuTo - cpuFrom : -1);
    out.printf(java.util.Locale.ROOT, "load: %d sent, %d answered, %d probe_success 1, %d failed "
        + "in the %d s window; prober CPU %.2f s%n", r.sent(), r.answered(), r.succeeded(),
        r.failed(), window.toSeconds(), r.proberCpuSeconds());
    out.flush();
    return r;
  }

  /** User plus system CPU seconds of a process from /proc (Linux), or 0 without one. */
  static double cpuSeconds(long pid) {
    if (pid <= 0) {
      return 0;
    }
    try {
      String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid
          + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // Fields 14 and 15 of stat (utime, stime) are 12 and 13 after the state field.
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("/proc/" + pid + "/stat: unreadable (" + e.getMessage()
          + "). Expected a running process on Linux", e);
    }
  }

  private static void sleepUntil(long nanos) {
    long wait = nanos - System.nanoTime();
    if (wait > 0) {
      try {
        Thread.sleep(Duration.ofNanos(wait));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
