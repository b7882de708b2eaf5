/**
 * The audit stage of the write side: recomputes the per-stream hash chains from the stored rows, folds an
 * account as it was at a version or a time, and explains a balance line by line. Reads only; depends on
 * JDBC, the store (its hash chain and history queries) and the account aggregate, never on HTTP or Kafka.
 */
package io.eventledger.command.audit;
