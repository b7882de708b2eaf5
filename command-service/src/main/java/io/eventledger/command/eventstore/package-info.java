/**
 * The event store: {@code ledger.events} rows with their outbox rows, written together; stream loads through
 * the upcasters; transaction-scoped stream locks; several statements in one round trip; snapshots; the cache
 * of committed account streams. Knows no aggregate, no command and no HTTP: it stores and reads streams.
 */
package io.eventledger.command.eventstore;
