package dev.nines.web.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.nines.view.SloHistory;
import dev.nines.web.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Chart data for the pages' uPlot charts, as JSON in a {@code data-series} attribute. */
public final class Charts {
  private Charts() {}

  /**
   * An SLO history as columns: {@code t} (epoch seconds of each step), {@code sli} and
   * {@code burn} (null without traffic), {@code left} (burn-down, 0–1), {@code target} and the
   * {@code zone} the axes are drawn in.
   */
  public static String history(SloHistory h, double targetRatio, java.time.ZoneId zone) {
    List<Long> t = new ArrayList<>();
    List<Double> sli = new ArrayList<>();
    List<Double> burn = new ArrayList<>();
    List<Double> left = new ArrayList<>();
    for (SloHistory.Point p : h.points()) {
      t.add(p.hour().getEpochSecond());
      sli.add(p.sliRatio());
      burn.add(p.burnRate());
      left.add(p.budgetRemainingRatio());
    }
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("t", t);
    o.put("sli", sli);
    o.put("burn", burn);
    o.put("left", left);
    o.put("target", targetRatio);
    o.put("zone", zone.getId());
    try {
      return Json.MAPPER.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
