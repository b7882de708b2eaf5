/**
 * Command handling: where the pure account and transfer aggregates meet the store. Each command is built
 * here, complete, as an {@link io.eventledger.command.execution.Command} naming its streams; its decision
 * loads (snapshot plus tail), decides and appends through the batch's session. Knows no HTTP.
 */
package io.eventledger.command.handling;
