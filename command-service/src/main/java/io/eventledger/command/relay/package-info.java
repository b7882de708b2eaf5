/**
 * The relay stage: publishes outbox rows to Kafka in id order, one active relay per shard (a Postgres
 * advisory lock), deleting rows only after the broker acknowledged them; and republishes stored events the
 * same way. Depends on JDBC, Kafka's producer, Micrometer, the outbox's message and ledger-contract's topics and envelope.
 */
package io.eventledger.command.relay;
