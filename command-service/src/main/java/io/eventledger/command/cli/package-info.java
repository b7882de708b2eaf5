/**
 * The {@code ledger} command line (picocli): serve, relay, republish, token, topics, migrate. Exit codes:
 * 0 ok, 2 bad usage, 1 failure with a one-line message. May depend on every stage, like the Main it calls.
 */
package io.eventledger.command.cli;
