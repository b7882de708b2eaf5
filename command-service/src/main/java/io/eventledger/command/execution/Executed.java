package io.eventledger.command.execution;

/**
 * A command's outcome, and whether it was recalled for a repeat of an earlier request under the same
 * {@code Idempotency-Key} instead of being decided now.
 */
public record Executed<R>(R outcome, boolean replayed) {}
