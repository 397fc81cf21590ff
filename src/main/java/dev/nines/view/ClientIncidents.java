package dev.nines.view;

import dev.nines.incident.Incident;
import dev.nines.model.SloSpec;
import dev.nines.model.Spec;
import dev.nines.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A client's incidents as the client and the public read them (portal, status page, monthly
 * report): an incident opened by an alert is named after the objectives it affects, never
 * after the alert, whose words are the team's; one opened by hand keeps its title. The public
 * note is the root-cause note; the rest of the timeline stays internal.
 */
public final class ClientIncidents {
  /** The most incidents a page or a report lists. */
  public static final int LIMIT = 200;

  private ClientIncidents() {}

  /** The incidents of {@code client} overlapping [from, to), newest first. */
  public static List<Incident> between(Store store, String client, Instant from, Instant to) {
    return store.incidents(client, null, null, from, to, 0, LIMIT).items();
  }

  /** The open incidents of {@code client}, newest first. */
  public static List<Incident> open(Store store, String client) {
    return store.incidents(client, null, true, null, null, 0, LIMIT).items();
  }

  /**
   * What the client reads as the incident's title: one opened by an alert names the first two
   * objectives it affects ("Service disruption: Courier assignment and Order fetching") and
   * counts the rest, so a title stays one line.
   */
  public static String title(Incident i, Spec spec) {
    if (!"alert".equals(i.openedBy())) {
      return i.title();
    }
    List<String> names = affected(i, spec).stream().map(SloSpec::title).toList();
    if (names.isEmpty()) {
      return "Service disruption";
    }
    if (names.size() <= 2) {
      return "Service disruption: " + String.join(" and ", names);
    }
    return "Service disruption: " + names.get(0) + ", " + names.get(1) + " and "
        + (names.size() - 2) + " more";
  }

  /** The client SLOs the incident affects: those it names, else its service's. */
  public static List<SloSpec> affected(Incident i, Spec spec) {
    Set<SloSpec> out = new LinkedHashSet<>();
    for (SloSpec s : spec.slos()) {
      if (s.audience() != dev.nines.model.Audience.CLIENT) {
        continue;
      }
      if (i.slos().isEmpty() ? s.service().equals(i.service()) : i.slos().contains(s.name())) {
        out.add(s);
      }
    }
    return new ArrayList<>(out);
  }

  /** How long it lasted, or has lasted until {@code now}. */
  public static Duration duration(Incident i, Instant now) {
    return Duration.between(i.openedAt(), i.resolvedAt() != null ? i.resolvedAt() : now);
  }
}
