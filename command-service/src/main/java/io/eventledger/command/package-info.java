/**
 * The command-service deployable: its configuration record and the one Main that wires every stage
 * (store, outbox, relay, http) together. Only this package and {@code cli} build concrete collaborators.
 */
package io.eventledger.command;
