package dev.nines.web;

import dev.nines.agent.AgentPayload;
import dev.nines.model.MonitorSpec;
import dev.nines.model.ServiceSpec;
import dev.nines.model.Spec;
import dev.nines.probe.PendingStates;
import dev.nines.live.ProbeRecorder;
import dev.nines.spec.SpecWriter;
import dev.nines.store.StoreUnavailableException;
import dev.nines.store.StoredAttempt;
import dev.nines.uptime.Observation;
import dev.nines.uptime.State;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The agent protocol. {@code GET /api/v1/agent/assignments?region=R} answers a native spec
 * (YAML) holding the monitors that run in that region; {@code POST /api/v1/agent/results}
 * takes an {@link AgentPayload} with a required {@code Idempotency-Key}, answering 202 once
 * stored (a repeated key stores nothing and answers 202 with {@code duplicate: true}); a
 * payload with a wrong field or a time outside the {@link dev.nines.ingest.TimeWindow} is a
 * 400 that stores nothing.
 */
public final class AgentHandler {
  /** The scope an agent token needs. */
  public static final String SCOPE = "agent";

  private final ApiTokens tokens;
  private final Supplier<Spec> spec;
  private final ProbeRecorder recorder;
  private final long maxBodyBytes;
  private final java.time.Clock clock;

  public AgentHandler(ApiTokens tokens, Supplier<Spec> spec, ProbeRecorder recorder,
      long maxBodyBytes, java.time.Clock clock) {
    this.tokens = tokens;
    this.spec = spec;
    this.recorder = recorder;
    this.maxBodyBytes = maxBodyBytes;
    this.clock = clock;
  }

  public void assignments(Context ctx) {
    tokens.require(ctx, SCOPE);
    String region = region(ctx.queryParam("region"));
    Spec s = spec.get();
    List<MonitorSpec> monitors = s.monitorsIn(region);
    Set<String> services = monitors.stream().map(MonitorSpec::service).collect(Collectors.toSet());
    List<ServiceSpec> serviceList = s.services().stream()
        .filter(x -> services.contains(x.name()))
        .map(x -> new ServiceSpec(x.name(), null, null, List.of(), List.of(), Map.of(), 0))
        .toList();
    Spec assigned = new Spec(s.timeZone(), s.regions(), List.of(), serviceList, List.of(),
        monitors, List.of());
    ctx.contentType("application/yaml").result(SpecWriter.write(assigned));
  }

  private String region(String region) {
    if (region == null || region.isBlank()) {
      throw new ApiError(400, "region: is required. Expected ?region=NAME");
    }
    if (!spec.get().regions().contains(region)) {
      throw new ApiError(404, "region '" + region + "' is not in the spec. Expected one of "
          + String.join(", ", spec.get().regions()));
    }
    return region;
  }

  public void results(Context ctx) throws IOException {
    tokens.require(ctx, SCOPE);
    String key = ctx.header("Idempotency-Key");
    if (key == null || key.isBlank() || key.length() > 200) {
      throw new ApiError(400, "Idempotency-Key: is required (1 to 200 characters)");
    }
    AgentPayload p;
    try (InputStream in = new LimitedInputStream(ctx.bodyInputStream(), maxBodyBytes)) {
      p = AgentPayloadReader.read(JsonBody.read(in), clock.instant());
    } catch (LimitedInputStream.TooLargeException e) {
      throw new ApiError(413, "body is over the limit of " + maxBodyBytes + " bytes");
    } catch (IllegalArgumentException e) {
      throw new ApiError(400, e.getMessage());
    }
    String region = region(p.region());
    Set<String> known = spec.get().monitors().stream().map(MonitorSpec::name)
        .collect(Collectors.toSet());
    List<StoredAttempt> attempts = p.attempts().stream().filter(a -> known.contains(a.monitor()))
        .map(a -> new StoredAttempt(a.monitor(), region, Instant.ofEpochMilli(a.startedAt()),
            a.ok(), a.status(), a.error(), a.dnsMs(), a.connectMs(), a.tlsMs(), a.firstByteMs(),
            a.totalMs(), a.steps(), a.certNotAfter() == null ? null
                : Instant.ofEpochMilli(a.certNotAfter())))
        .toList();
    List<PendingStates.Resolved> states = resolved(p.states(), region, known);
    boolean fresh;
    try {
      fresh = recorder.acceptAgentResults(key, region, attempts, states,
          resolved(p.latest(), region, known));
    } catch (StoreUnavailableException e) {
      throw ApiError.storeUnavailable("the store is unavailable; nothing was kept. Retry later", e);
    } catch (dev.nines.live.ProbeRecorder.BusyException e) {
      throw new ApiError(429, e.getMessage() + "; nothing was kept. Retry later", 1);
    }
    Json.send(ctx, 202, fresh ? Map.of("accepted", attempts.size() + states.size())
        : Map.of("accepted", 0, "duplicate", true));
  }

  private static List<PendingStates.Resolved> resolved(List<AgentPayload.StateDto> states,
      String region, Set<String> known) {
    return states.stream().filter(s -> known.contains(s.monitor())).map(s -> {
      State st;
      try {
        st = State.parse(s.state());
      } catch (IllegalArgumentException e) {
        throw new ApiError(400, "state of " + s.monitor() + ": " + e.getMessage());
      }
      return new PendingStates.Resolved(s.monitor(), region,
          new Observation(Instant.ofEpochMilli(s.time()), st), s.message());
    }).toList();
  }
}
