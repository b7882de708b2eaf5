/**
 * Stage 3 of the read side: consumers of the output topics that copy read models into Postgres
 * ({@code ledger_read}) and Redis with version-guarded writes. Depends on the topology's read-model
 * types and serdes, Kafka clients, JDBC and Lettuce; never on the HTTP stage.
 */
package io.eventledger.projector.mirror;
