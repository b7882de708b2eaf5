/**
 * The write-side store stage: appends events with their outbox rows in one transaction, hash-chained per
 * stream, loads streams back through the upcasters, and runs commands (load, pure decide, append with
 * bounded retries) so the aggregates never touch I/O. Depends on JDBC, Flyway, Micrometer (its command
 * meters), common's codec and token table, and the domain packages; never on HTTP or Kafka.
 */
package io.eventledger.command.store;
