/**
 * Verification for fault runs (infra/chaos.sh): every command a load generator saw acknowledged has its events
 * in the store exactly once and on the topics at least once. Reads the store with JDBC and the topics with a
 * plain consumer; depends on ledger-contract's topics and envelope headers only, never on the write path.
 */
package io.eventledger.loadtest.verify;
