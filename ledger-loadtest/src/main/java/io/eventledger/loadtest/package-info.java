/**
 * The load tools' command line (picocli): {@code bench} and {@code verify-acks}, dispatched by infra/ledger.
 * Exit codes as the ledger CLI's: 0 ok, 2 bad usage, 1 failure with a one-line message. Depends on
 * ledger-contract and platform's settings and command-line root only: the tools see command-service from
 * outside, as clients do.
 */
package io.eventledger.loadtest;
