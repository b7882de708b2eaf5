/**
 * Configuration shared by both deployables, read from the environment only (the LEDGER_* variables of
 * docs/architecture.md), never from files or flags.
 */
package io.eventledger.platform.config;
