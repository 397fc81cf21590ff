package dev.nines.probe;

import java.time.Instant;

/**
 * The leaf certificate a TLS endpoint presented: its subject, its {@code notAfter} instant and
 * the whole days of validity left at the time of the check (negative once expired).
 */
public record Certificate(String subject, Instant notAfter, long daysLeft) {}
