package dev.nines.export.prometheus;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Choices for rule generation beyond the spec: Sloth compatibility, labels for every SLO
 * recording (Sloth's {@code --extra-labels}), a minimum-traffic guard, an absent-SLI alert and
 * the baseline internal pack.
 *
 * @param sloth Sloth compatibility, or null for Nines' own rules
 * @param minEvents alerts fire only when the condition's long window saw at least this many
 *     valid events; 0 for no guard
 * @param absentFor add an alert per SLO that fires when its SLI has had no data this long, or null
 * @param baseline add the baseline internal pack (target down, disk, OOM kills, restarts, memory)
 */
public record RulesOptions(SlothCompat sloth, Map<String, String> extraLabels, long minEvents,
    Duration absentFor, boolean baseline) {
  private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  public RulesOptions {
    extraLabels = Map.copyOf(extraLabels);
    extraLabels.keySet().forEach(RulesOptions::checkLabel);
    if (minEvents < 0) {
      throw new IllegalArgumentException("min events " + minEvents + " is negative. Expected 0 "
          + "(no guard) or more");
    }
    if (absentFor != null && (absentFor.isNegative() || absentFor.isZero())) {
      throw new IllegalArgumentException("absent-for " + absentFor + " is not positive. "
          + "Expected a duration such as 15m");
    }
  }

  /** Nines' own rules with the baseline pack, no guard, no absent alert, no extra labels. */
  public static RulesOptions defaults() {
    return new RulesOptions(null, Map.of(), 0, null, true);
  }

  /** Sloth-compatible rules for an input of {@code compat.spec()}, without the baseline pack. */
  public static RulesOptions sloth(SlothCompat compat) {
    return new RulesOptions(compat, Map.of(), 0, null, false);
  }

  public RulesOptions withExtraLabels(Map<String, String> labels) {
    return new RulesOptions(sloth, labels, minEvents, absentFor, baseline);
  }

  public RulesOptions withMinEvents(long events) {
    return new RulesOptions(sloth, extraLabels, events, absentFor, baseline);
  }

  public RulesOptions withAbsentFor(Duration after) {
    return new RulesOptions(sloth, extraLabels, minEvents, after, baseline);
  }

  public RulesOptions withBaseline(boolean on) {
    return new RulesOptions(sloth, extraLabels, minEvents, absentFor, on);
  }

  private static void checkLabel(String name) {
    if (!LABEL.matcher(name).matches() || name.startsWith("__")) {
      throw new IllegalArgumentException("label " + name + " is not a Prometheus label name. "
          + "Expected letters, digits and underscores, not starting with a digit or __");
    }
    if (name.startsWith("sloth_")) {
      throw new IllegalArgumentException("label " + name + " is reserved. Expected a name not "
          + "starting with sloth_");
    }
  }

  /**
   * What Sloth writes on {@code sloth_slo_info} besides the SLO: the input spec version
   * ({@code prometheus/v1}, {@code openslo/v1alpha}), the generation mode and Sloth's version.
   */
  public record SlothCompat(String spec, String mode, String version) {
    /** The spec and mode labels Sloth's CLI writes for an input of {@code spec}. */
    public static SlothCompat of(String spec, String version) {
      String mode = switch (spec) {
        case "prometheus/v1" -> "cli-gen-prom";
        case "openslo/v1alpha", "openslo/v1" -> "cli-gen-openslo";
        default -> "cli-gen-nines";
      };
      return new SlothCompat(spec, mode, version);
    }
  }
}
