/**
 * OpenSLO import ({@link dev.nines.spec.openslo.OpenSloReader}) and export
 * ({@link dev.nines.spec.openslo.OpenSloWriter}). How OpenSLO maps onto the Nines model:
 *
 * <ul>
 *   <li>Service: a service without client, layers or endpoints; an SLO naming an undeclared
 *       service creates one. displayName is not kept.
 *   <li>SLO: one Nines SLO per objective, named after the SLO when it has one objective, else
 *       {@code <slo>-<slug of displayName>} or {@code <slo>-<index from 0>}; v1alpha SLOs are
 *       always {@code <slo>-<index>}, as Sloth names them. Audience internal.
 *   <li>target (ratio) or targetPercent: the target percentage. timeWindow rolling: a rolling
 *       window ({@code m} minutes, {@code h}, {@code d}, {@code w}); calendar: {@code 1d 1w 1M 1Q
 *       1Y} in the time zone, periods starting at local midnight of the period's first day.
 *   <li>budgetingMethod: occurrences (the default when absent), time slices with
 *       timeSliceTarget and timeSliceWindow (a bare number is minutes), ratio time slices.
 *   <li>ratioMetric good or bad over total: a ratio, kind availability. raw with rawType
 *       failure: a raw error ratio; with rawType success a Prometheus query {@code q} becomes
 *       the error ratio {@code 1 - (q)}, other sources are refused. thresholdMetric with the
 *       objective's op and value: a threshold source, kind error-ratio (no duration is known
 *       for latency). metricSource: type in lower case, metricSourceRef kept, spec flattened to
 *       text ({@code a.b}, {@code list[0]}); a DataSource gives the type, its connection details
 *       are not imported. A metric source of type {@code Nines} stands for Nines' events or
 *       monitors.
 *   <li>AlertPolicy with burnrate AlertConditions (op gt or gte): one window per condition,
 *       long window = lookbackWindow, no short window, factor = threshold; severity page,
 *       critical, high mean page, ticket, warning, medium, low, info mean ticket. alertAfter
 *       becomes the {@code for} of the page or ticket alert (the longest of its conditions).
 *       AlertNotificationTarget: a channel of kind {@code target} (lower
 *       case), the other spec fields as settings, audience internal.
 *   <li>{@code nines.dev/} annotations carry what OpenSLO cannot: endpoint, owner, approver,
 *       reason, audience, SLI kind and threshold, bad statuses, Sloth alert name, labels and
 *       annotations, disabled page or ticket alerts, a condition's short window and budget
 *       share.
 * </ul>
 */
package dev.nines.spec.openslo;
