/**
 * The event contract: every fact the ledger records, as records behind sealed interfaces.
 * Pure domain: depends on nothing but the JDK (no Jackson, JDBC, Kafka or HTTP).
 */
package io.eventledger.contract.event;
