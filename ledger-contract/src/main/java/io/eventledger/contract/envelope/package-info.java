/**
 * The wire form of events: the JSON envelope, Kafka headers, the event-type registry and the serdes
 * every reader and writer shares. May use Jackson and Kafka's serde API; never JDBC or HTTP.
 */
package io.eventledger.contract.envelope;
