package dev.nines.web;

import dev.nines.model.MonitorSpec;
import dev.nines.model.Spec;
import dev.nines.live.ProbeRecorder;
import dev.nines.store.Store;
import dev.nines.store.StoredAttempt;
import dev.nines.view.Page;
import dev.nines.web.Params;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /api/v1/monitors}: monitors with their interval and latest state per region;
 * {@code GET /api/v1/monitors/{name}/attempts?page=P&size=N}: its attempts, newest first, with
 * phase timings, as {@code {monitor, attempts, page, size, total}}.
 */
public final class MonitorsHandler {
  private final Supplier<Spec> spec;
  private final ProbeRecorder probes;
  private final Store store;

  public MonitorsHandler(Supplier<Spec> spec, ProbeRecorder probes, Store store) {
    this.spec = spec;
    this.probes = probes;
    this.store = store;
  }

  /** Filtered by {@code service} and {@code kind}, paginated by {@code page} and {@code size}. */
  public void list(Context ctx) {
    String service = ctx.queryParam("service");
    String kind = ctx.queryParam("kind");
    List<MonitorSpec> all = spec.get().monitors().stream()
        .filter(m -> service == null || service.isBlank() || m.service().equals(service))
        .filter(m -> kind == null || kind.isBlank() || m.kind().id().equals(kind)).toList();
    Page<MonitorSpec> page;
    try {
      page = Page.of(all, Params.integer(ctx, "page", 1), Params.integer(ctx, "size", 100));
    } catch (IllegalArgumentException e) {
      throw new ApiError(400, e.getMessage());
    }
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("monitors", page.items().stream().map(this::json).toList());
    o.put("page", page.page());
    o.put("size", page.size());
    o.put("total", page.total());
    Json.send(ctx, 200, o);
  }

  private Map<String, Object> json(MonitorSpec m) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("name", m.name());
    o.put("service", m.service());
    o.put("kind", m.kind().id());
    o.put("depth", m.depth().name().toLowerCase(java.util.Locale.ROOT));
    o.put("intervalSeconds", m.interval().toSeconds());
    Map<String, Object> regions = new LinkedHashMap<>();
    probes.latest(m.name()).forEach((region, latest) -> regions.put(region, Map.of(
        "state", latest.observation().state().name(),
        "since", latest.since().toString(),
        "lastCheck", latest.observation().time().toString(),
        "message", latest.message() == null ? "" : latest.message())));
    o.put("regions", regions);
    return o;
  }

  public void attempts(Context ctx) {
    String name = ctx.pathParam("name");
    if (spec.get().monitors().stream().noneMatch(m -> m.name().equals(name))) {
      throw new ApiError(404, "no monitor named '" + name + "'");
    }
    int size;
    int page;
    try {
      size = Params.integer(ctx, "size", Params.integer(ctx, "limit", 100)); // limit: older name
      page = Params.integer(ctx, "page", 1);
      Page.check(page, size);
    } catch (IllegalArgumentException e) {
      throw new ApiError(400, e.getMessage());
    }
    long offset = (long) (page - 1) * size;
    dev.nines.store.Slice<StoredAttempt> s = store.attemptPage(name, Instant.EPOCH,
        Instant.ofEpochMilli(Long.MAX_VALUE / 2), (int) Math.min(offset, Integer.MAX_VALUE),
        size);
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("monitor", name);
    o.put("attempts", s.items());
    o.put("page", page);
    o.put("size", size);
    o.put("total", s.total());
    Json.send(ctx, 200, o);
  }

}
