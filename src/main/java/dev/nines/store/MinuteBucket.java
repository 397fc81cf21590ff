package dev.nines.store;

/** The stored good and valid events of one SLI in one period (epoch minute or hour). */
public record MinuteBucket(long period, long good, long valid) {}
