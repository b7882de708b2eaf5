package io.eventledger.projector.query;

/**
 * A value read from this instance's copy of a partition; {@code stale} unless that copy was the active one
 * of a running instance: a standby follows the active a commit or more behind, and while the group
 * rebalances no copy can tell that it is current.
 */
record LocalRead<T>(T value, boolean stale) {}
