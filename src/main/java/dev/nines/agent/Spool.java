package dev.nines.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nines.probe.Attempt;
import dev.nines.probe.PendingStates;
import dev.nines.probe.Phases;
import dev.nines.probe.ProbeSink;
import dev.nines.probe.StepAttempt;
import dev.nines.uptime.Observation;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The agent's results on disk until the server has them: the probe sink collects attempts and
 * final states in memory, and {@link #cut()} writes them as one numbered segment file (fsynced,
 * then renamed into place), ready to push. Segments survive a crash or a server outage and are
 * pushed in order; a segment is deleted only once the server acknowledged it.
 */
public final class Spool implements ProbeSink {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final String region;
  private final PendingStates pending = new PendingStates();
  private final List<AgentPayload.AttemptDto> attempts = new ArrayList<>();
  private final List<AgentPayload.StateDto> states = new ArrayList<>();
  private final Map<String, AgentPayload.StateDto> latest = new LinkedHashMap<>();
  private long nextSeq;

  public Spool(Path dir, String region) throws IOException {
    this.dir = Files.createDirectories(dir);
    this.region = region;
    long newest = segments().stream().mapToLong(Spool::seq).max().orElse(0);
    this.nextSeq = Math.max(newest, lastSeq()) + 1;
  }

  /**
   * The number of the newest segment ever cut here, kept in {@code last-seq}: segments are
   * deleted once delivered, and a restarted agent must not number segments again from 1, or
   * the server would take them for repeats of the delivered ones (same idempotency key).
   */
  private long lastSeq() throws IOException {
    Path f = dir.resolve("last-seq");
    if (!Files.exists(f)) {
      return 0;
    }
    try {
      return Long.parseLong(Files.readString(f).strip());
    } catch (NumberFormatException e) {
      throw new IOException(f + ": '" + Files.readString(f).strip() + "' is not a number. "
          + "Expected the last segment number");
    }
  }

  @Override public synchronized void attempt(Attempt a) {
    Phases p = a.phases();
    attempts.add(new AgentPayload.AttemptDto(a.monitor(), a.start().toEpochMilli(), a.ok(),
        a.status(), a.error(), phase(p.dnsMillis()), phase(p.connectMillis()),
        phase(p.tlsMillis()), phase(p.firstByteMillis()), phase(p.totalMillis()),
        StepAttempt.json(a.steps()), a.result().certificate() == null ? null
            : a.result().certificate().notAfter().toEpochMilli()));
  }

  @Override public synchronized void observation(String monitor, String region, Observation o,
      String message) {
    AgentPayload.StateDto now = new AgentPayload.StateDto(monitor, o.time().toEpochMilli(),
        o.state().name(), message);
    latest.put(monitor, now);
    for (PendingStates.Resolved r : pending.resolve(
        new PendingStates.Resolved(monitor, region, o, message))) {
      states.add(new AgentPayload.StateDto(r.monitor(), r.observation().time().toEpochMilli(),
          r.observation().state().name(), r.message()));
    }
  }

  private static Double phase(double millis) {
    return millis < 0 ? null : millis;
  }

  /** Writes what was collected as the next segment; nothing when there is nothing new. */
  public void cut() throws IOException {
    AgentPayload payload;
    long seq;
    synchronized (this) {
      if (attempts.isEmpty() && states.isEmpty()) {
        return;
      }
      payload = new AgentPayload(region, attempts, states, new ArrayList<>(latest.values()));
      attempts.clear();
      states.clear();
      seq = nextSeq++;
    }
    Path tmp = dir.resolve(String.format("seg-%012d.tmp", seq));
    Files.write(tmp, JSON.writeValueAsBytes(payload));
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    moveDurably(tmp, dir.resolve(String.format("seg-%012d.json", seq)));
    Path seqTmp = dir.resolve("last-seq.tmp");
    Files.writeString(seqTmp, Long.toString(seq));
    try (FileChannel ch = FileChannel.open(seqTmp, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    moveDurably(seqTmp, dir.resolve("last-seq"));
  }

  private static void moveDurably(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Segments waiting to be pushed, oldest first. */
  public List<Path> segments() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().matches("seg-\\d{12}\\.json"))
          .sorted().toList();
    }
  }

  /** The sequence number of a segment file. */
  public static long seq(Path segment) {
    String n = segment.getFileName().toString();
    return Long.parseLong(n.substring(4, 16));
  }

  public Path dir() {
    return dir;
  }
}
