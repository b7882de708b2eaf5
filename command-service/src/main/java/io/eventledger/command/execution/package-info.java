/**
 * Executing commands, the one path every command takes: queued, batched with whatever else is waiting,
 * key claimed, streams locked, loaded, decided, written and committed in one transaction per batch, answered
 * with the outcome. Knows no aggregate and no HTTP: a {@link io.eventledger.command.execution.Command} brings
 * its own decision.
 */
package io.eventledger.command.execution;
