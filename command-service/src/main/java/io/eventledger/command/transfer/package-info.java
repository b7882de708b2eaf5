/**
 * The transfer aggregate, pure: the four-eyes workflow and the decision to move money between two accounts,
 * with no I/O. May depend on the JDK, the {@code account} aggregate and ledger-contract's {@code event} and {@code money}.
 */
package io.eventledger.command.transfer;
