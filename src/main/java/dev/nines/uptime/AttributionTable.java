package dev.nines.uptime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A rule table that says how the interval between two consecutive observations counts,
 * keyed on the states at its two ends. It holds exactly one rule per (from, to) pair, nine in
 * all, kept in {@code from, to} order.
 */
public record AttributionTable(List<Rule> rules) {
  private static final int SIZE = State.values().length;
  private static final String TRANSITION_RULE =
      "Expected FROM->TO with FROM and TO in OK, UNKNOWN, ERROR";

  /** How the interval from a {@code from} observation to a {@code to} observation counts. */
  public record Rule(State from, State to, Attribution attribution) {
    public Rule {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(attribution, "attribution");
    }

    @Override public String toString() {
      return from + "->" + to + ": " + attribution.name().toLowerCase(Locale.ROOT);
    }
  }

  public AttributionTable {
    int[] counts = new int[SIZE * SIZE];
    for (Rule rule : rules) {
      counts[index(rule.from(), rule.to())]++;
    }
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] != 1) {
        String transition = State.values()[i / SIZE] + "->" + State.values()[i % SIZE];
        throw new IllegalArgumentException("rules: " + transition + " appears " + counts[i]
            + " times. Expected exactly one rule for each of the 9 transitions");
      }
    }
    List<Rule> sorted = new ArrayList<>(rules);
    sorted.sort(Comparator.comparing(Rule::from).thenComparing(Rule::to));
    rules = List.copyOf(sorted);
  }

  private static int index(State from, State to) {
    return from.ordinal() * SIZE + to.ordinal();
  }

  /**
   * The default table: an interval with an ERROR at either end is down, OK next to OK or
   * UNKNOWN is up, and UNKNOWN to UNKNOWN is unknown.
   */
  public static AttributionTable defaults() {
    List<Rule> rules = new ArrayList<>();
    for (State from : State.values()) {
      for (State to : State.values()) {
        rules.add(new Rule(from, to, defaultAttribution(from, to)));
      }
    }
    return new AttributionTable(rules);
  }

  private static Attribution defaultAttribution(State from, State to) {
    if (from == State.ERROR || to == State.ERROR) {
      return Attribution.DOWN;
    }
    return from == State.UNKNOWN && to == State.UNKNOWN ? Attribution.UNKNOWN : Attribution.UP;
  }

  /**
   * The defaults with overrides applied. Keys are transitions like {@code OK->UNKNOWN} (case
   * ignored, spaces around {@code ->} allowed); values are {@code up}, {@code down} or
   * {@code unknown}.
   *
   * @throws IllegalArgumentException listing every bad key or value, one per line, each
   *     starting with the offending key
   */
  public static AttributionTable parse(Map<String, String> overrides) {
    AttributionTable table = defaults();
    List<String> problems = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      try {
        State[] transition = parseTransition(e.getKey());
        String canonical = transition[0] + "->" + transition[1];
        String earlier = seen.putIfAbsent(canonical, e.getKey());
        if (earlier != null) {
          throw new IllegalArgumentException("repeats " + earlier + ". Expected each "
              + "transition once");
        }
        table = table.with(transition[0], transition[1], Attribution.parse(e.getValue()));
      } catch (IllegalArgumentException problem) {
        problems.add(e.getKey() + ": " + problem.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("\n", problems));
    }
    return table;
  }

  private static State[] parseTransition(String key) {
    String[] ends = key == null ? new String[0] : key.split("->", -1);
    if (ends.length != 2) {
      throw new IllegalArgumentException("not a transition. " + TRANSITION_RULE);
    }
    State[] states = new State[2];
    for (int i = 0; i < 2; i++) {
      String name = ends[i].strip().toUpperCase(Locale.ROOT);
      states[i] = switch (name) {
        case "OK" -> State.OK;
        case "UNKNOWN" -> State.UNKNOWN;
        case "ERROR" -> State.ERROR;
        default -> throw new IllegalArgumentException("not a transition. " + TRANSITION_RULE);
      };
    }
    return states;
  }

  /** How an interval from a {@code from} observation to a {@code to} observation counts. */
  public Attribution attribute(State from, State to) {
    return rules.get(index(from, to)).attribution();
  }

  /** This table with the rule for {@code from -> to} replaced. */
  public AttributionTable with(State from, State to, Attribution attribution) {
    List<Rule> changed = new ArrayList<>(rules);
    changed.set(index(from, to), new Rule(from, to, attribution));
    return new AttributionTable(changed);
  }
}
