/**
 * Stage 1 of the read side: pure Kafka Streams topologies and the folds they run (events in, read models out).
 * Depends on {@code common} and Kafka Streams only: no HTTP, JDBC or Redis, so the driver tests need no servers.
 */
package io.eventledger.projector.topology;
