import com.sun.management.OperatingSystemMXBean;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The floor under a fresh-connection HTTP check on this machine: one platform thread, a
 * plain socket per request (connect, write a fixed GET, read to the server's close), paced at
 * RATE a second, nothing measured, parsed or stored. Its CPU per 1,000 checks is what the
 * kernel and the JVM cost for the connection alone, which no prober can go below.
 *
 * <pre>java bench/FreshConnectionFloor.java PORT RATE WARMUP_SECONDS DURATION_SECONDS</pre>
 */
public final class FreshConnectionFloor {
  private FreshConnectionFloor() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    int rate = Integer.parseInt(args[1]);
    int warmup = Integer.parseInt(args[2]);
    int duration = Integer.parseInt(args[3]);
    byte[] request = ("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
        + "User-Agent: nines-floor\r\nConnection: close\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
    run(port, rate, warmup, request);
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory
        .getOperatingSystemMXBean();
    long cpu = os.getProcessCpuTime();
    int checks = run(port, rate, duration, request);
    double seconds = (os.getProcessCpuTime() - cpu) / 1e9;
    System.out.printf("floor (a plain socket per check, one thread): %.2f CPU s over %d s, %d "
        + "checks -> %.3f CPU s per 1,000 checks%n", seconds, duration, checks,
        seconds / checks * 1000);
  }

  private static int run(int port, int rate, int seconds, byte[] request) throws Exception {
    byte[] buffer = new byte[4096];
    int checks = rate * seconds;
    long start = System.nanoTime();
    for (int i = 0; i < checks; i++) {
      long wait = start + i * 1_000_000_000L / rate - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port));
        OutputStream out = s.getOutputStream();
        out.write(request);
        InputStream in = s.getInputStream();
        while (in.read(buffer) > 0) {
          // the answer is read to the server's close
        }
      }
    }
    return checks;
  }
}
