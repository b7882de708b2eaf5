/**
 * The outbox stage: writes Debezium-shaped rows inside the event store's transaction, for the relay to
 * publish. Depends on JDBC and ledger-contract's envelope only.
 */
package io.eventledger.command.outbox;
