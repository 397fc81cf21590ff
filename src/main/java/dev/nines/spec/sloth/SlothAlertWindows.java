package dev.nines.spec.sloth;

import dev.nines.model.AlertWindow;
import java.time.Duration;
import java.util.List;

/**
 * A Sloth {@code AlertWindows} document: the four multi-window burn-rate conditions (page
 * quick and slow, ticket quick and slow, in that order) Sloth uses for SLOs of one period.
 *
 * @param sloPeriod the SLO window length these conditions are meant for, e.g. 30d
 */
public record SlothAlertWindows(Duration sloPeriod, List<AlertWindow> windows) {
  public SlothAlertWindows {
    windows = List.copyOf(windows);
  }
}
