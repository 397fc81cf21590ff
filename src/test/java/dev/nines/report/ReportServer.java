package dev.nines.report;

import dev.nines.server.NinesServer;
import dev.nines.store.Store;
import dev.nines.store.Stores;
import dev.nines.testing.FakeClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

/** A real server over {@code spec/report.yaml} with {@link ReportSeed} history, read by token. */
public final class ReportServer implements AutoCloseable {
  public static final String TOKEN = "report-test-token";
  public final NinesServer server;
  public final FakeClock clock;
  public final long incident;
  private final HttpClient http = HttpClient.newHttpClient();

  public ReportServer(Path dataDir) throws Exception {
    this(dataDir, ReportSeed.NOW);
  }

  public ReportServer(Path dataDir, java.time.Instant now) throws Exception {
    this(dataDir, now, ReportSeed.SPEC);
  }

  /** The server over another spec (e.g. a copy of {@code report.yaml} with an SMTP port). */
  public ReportServer(Path dataDir, java.time.Instant now, Path spec) throws Exception {
    try (Store store = Stores.open(null, dataDir, null, null)) {
      incident = ReportSeed.write(store);
    }
    clock = new FakeClock(now);
    server = NinesServer.start(new NinesServer.Config(spec, null, dataDir,
        "127.0.0.1", 0, 1 << 20, 100_000, TOKEN, false), clock);
  }

  public String base() {
    return "http://127.0.0.1:" + server.port();
  }

  /** GET with the token. */
  public HttpResponse<byte[]> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base() + path))
        .header("Authorization", "Bearer " + TOKEN).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  @Override public void close() {
    server.close();
  }
}
