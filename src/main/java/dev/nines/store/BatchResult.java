package dev.nines.store;

/**
 * What one ingest commit did with one of its batches.
 *
 * @param stored whether this commit added the batch's deltas (its key was new, or it had none)
 * @param claimStamp the commit stamp on the batch's idempotency claim: this commit's when
 *     stored, the stamp of the commit that claimed the key first for a repeat; 0 without a
 *     key, or for a claim made before claims were stamped
 * @param sameBody false when a repeat came with a fingerprint other than the one the key was
 *     claimed with (true when either has none)
 */
public record BatchResult(boolean stored, long claimStamp, boolean sameBody) {}
