package dev.nines.view;

import dev.nines.model.LayerSpec;
import dev.nines.model.ServiceSpec;
import dev.nines.model.SloSpec;
import dev.nines.model.Spec;
import dev.nines.live.LiveSlos;
import dev.nines.slo.Counts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A service's request path, layer by layer from the client inwards, with the SLIs of each
 * layer (the SLOs labelled {@code layer: NAME}) over the last hour and the SLO window. A
 * failing layer shows as errors in every layer above it, so the innermost layer with errors
 * in the last hour is where to look first; a layer below it without traffic is often the
 * outage itself.
 *
 * @param origin the innermost layer with errors in the last hour, or null
 */
public record LayerView(ServiceSpec service, List<Layer> layers, String origin) {
  /** The label that puts an SLO on a layer. */
  public static final String LABEL = "layer";
  /** The look-back of the "now" figures. */
  public static final Duration RECENT = Duration.ofHours(1);

  public LayerView {
    layers = List.copyOf(layers);
  }

  /**
   * One layer and its SLIs.
   *
   * @param silent it has SLIs and none saw a valid event in the last hour
   */
  public record Layer(LayerSpec spec, List<Sli> slis, boolean silent) {
    public Layer {
      slis = List.copyOf(slis);
    }

    /**
     * Whether the layer has nothing to show: no SLO is labelled with it, or none of its SLIs
     * saw a valid event in the last hour. Screens say "no data", never a healthy green.
     */
    public boolean noData() {
      return slis.isEmpty() || silent;
    }

    /** The worst error ratio of the last hour among its SLIs with traffic, or null. */
    public Double recentErrorRatio() {
      Double worst = null;
      for (Sli s : slis) {
        if (s.recent().valid() > 0) {
          worst = worst == null ? s.recent().badRatio() : Math.max(worst, s.recent().badRatio());
        }
      }
      return worst;
    }
  }

  /** One SLI of a layer: its SLO, the counts of the last hour, and the window's SLI. */
  public record Sli(SloSpec slo, Counts recent, double windowSliRatio) {}

  /** The layer view of every service that declares layers, in spec order. */
  public static List<LayerView> all(Spec spec, LiveSlos live) {
    List<LayerView> out = new ArrayList<>();
    for (ServiceSpec s : spec.services()) {
      if (!s.layers().isEmpty()) {
        out.add(of(spec, s, live));
      }
    }
    return out;
  }

  /** The layer view of one service. */
  public static LayerView of(Spec spec, ServiceSpec service, LiveSlos live) {
    List<Layer> layers = new ArrayList<>();
    for (LayerSpec l : service.layers()) {
      List<Sli> slis = new ArrayList<>();
      for (SloSpec slo : spec.slos()) {
        if (slo.service().equals(service.name()) && l.name().equals(slo.labels().get(LABEL))) {
          LiveSlos.View v = live.view(slo.name());
          Counts recent = live.counts(slo.name(), RECENT);
          slis.add(new Sli(slo, recent == null ? Counts.ZERO : recent,
              v == null ? 1.0 : v.status().budget().sliRatio()));
        }
      }
      boolean silent = !slis.isEmpty() && slis.stream().allMatch(x -> x.recent().valid() == 0);
      layers.add(new Layer(l, slis, silent));
    }
    String origin = null;
    for (Layer l : layers) {
      Double e = l.recentErrorRatio();
      if (e != null && e > 0) {
        origin = l.spec().name();
      }
    }
    return new LayerView(service, layers, origin);
  }
}
