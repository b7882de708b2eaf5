/**
 * Load generation ({@code ledger bench}): drives command-service over HTTP like real clients, with a skewed
 * account choice, and measures command, command→Kafka and command→read-model latency. It depends only on
 * the public HTTP API, Kafka's topics and headers, and ledger-contract; never on the service's internals.
 */
package io.eventledger.loadtest.bench;
