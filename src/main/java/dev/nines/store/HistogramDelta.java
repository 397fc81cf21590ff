package dev.nines.store;

/**
 * Requests to add to one latency bucket of a series (service and endpoint) for one epoch
 * minute; {@code boundMillis} is the bucket's upper bound, -1 for the unbounded bucket.
 */
public record HistogramDelta(String series, long minute, long boundMillis, long count) {}
