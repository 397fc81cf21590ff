package dev.nines.view;

import dev.nines.model.ServiceSpec;
import dev.nines.model.SloSpec;
import dev.nines.model.Spec;
import dev.nines.live.LiveSlos;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * The SLO list of the console and the API: filtered, sorted by budget left (the least first,
 * ties by name), paginated.
 */
public final class SloQuery {
  /** Least budget left first, then by name. */
  public static final Comparator<LiveSlos.View> BY_BUDGET_LEFT =
      Comparator.<LiveSlos.View>comparingDouble(v -> v.status().budget().remainingRatio())
          .thenComparing(v -> v.spec().name());

  private final Supplier<Spec> spec;
  private final Supplier<LiveSlos> live;

  public SloQuery(Supplier<Spec> spec, Supplier<LiveSlos> live) {
    this.spec = spec;
    this.live = live;
  }

  /** Every SLO passing {@code filter}, least budget left first. */
  public List<LiveSlos.View> all(SloFilter filter) {
    Spec s = spec.get();
    List<LiveSlos.View> out = new ArrayList<>();
    for (LiveSlos.View v : live.get().views()) {
      if (filter.test(v, s)) {
        out.add(v);
      }
    }
    out.sort(BY_BUDGET_LEFT);
    return out;
  }

  /** One page of {@link #all}. */
  public Page<LiveSlos.View> page(SloFilter filter, int page, int size) {
    return Page.of(all(filter), page, size);
  }

  /** One SLO's live view, or null. */
  public LiveSlos.View one(String name) {
    return live.get().view(name);
  }

  /** The client an SLO's service belongs to, or null. */
  public String clientOf(SloSpec slo) {
    ServiceSpec s = spec.get().service(slo.service());
    return s == null ? null : s.client();
  }
}
