/**
 * The account aggregate, pure: commands are decided into events and events evolve state, with no I/O.
 * May depend on the JDK and ledger-contract's {@code event} and {@code money} only (no JDBC, Kafka, HTTP or Jackson).
 */
package io.eventledger.command.account;
