package dev.nines.export.grafana;

/** One PromQL query of a panel, with its legend ({@code {{label}}} templates allowed). */
record Target(String expr, String legend) {}
