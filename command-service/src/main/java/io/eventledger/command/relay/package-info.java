/**
 * The relay stage: publishes outbox rows to Kafka in id order, one active relay per shard (a Postgres
 * advisory lock), deleting rows only after the broker acknowledged them. Depends on JDBC, Kafka's producer
 * and common's topics and envelope.
 */
package io.eventledger.command.relay;
