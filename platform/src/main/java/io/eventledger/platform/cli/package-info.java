/**
 * What the command lines share ({@code ledger} from command-service and from ledger-loadtest): the root command
 * that holds the environment its subcommands read their settings from, and how one invocation ends. Exit codes:
 * 0 ok, 2 bad usage, 1 failure with a one-line message. Depends on picocli only.
 */
package io.eventledger.platform.cli;
