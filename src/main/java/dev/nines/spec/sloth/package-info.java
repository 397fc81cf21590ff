/**
 * Sloth import ({@link dev.nines.spec.sloth.SlothReader}). A {@code prometheus/v1} service
 * becomes a Nines service; each SLO gets the service labels merged under its own, an
 * availability SLI (events: the error query over the total query; raw: the error ratio query),
 * the objective as target, a rolling window of the default period (30 d unless given), and
 * alerting with Sloth's alert name, labels, annotations and page and ticket alerts over the SRE
 * Workbook windows. {@code AlertWindows} documents replace those windows for SLOs of their
 * period. SLI plugins are refused: they are Go code Sloth runs.
 */
package dev.nines.spec.sloth;
