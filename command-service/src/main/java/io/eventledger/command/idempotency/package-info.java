/**
 * {@code Idempotency-Key}s: claimed in the command's own transaction, recorded with what the command
 * produced (its stream and version after the command), released when the command is refused.
 */
package io.eventledger.command.idempotency;
