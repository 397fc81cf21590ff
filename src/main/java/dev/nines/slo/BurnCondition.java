package dev.nines.slo;

import dev.nines.model.AlertWindow;

/**
 * One evaluated multi-window burn-rate condition: the burn rates over its long and short
 * look-backs and whether both exceed the factor. A single-window condition reports its long
 * burn rate as the short one.
 */
public record BurnCondition(AlertWindow window, double factor, double longBurn, double shortBurn,
    boolean firing) {}
