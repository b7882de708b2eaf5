/**
 * The one place topic names and their settings live (docs/topics.md lists them for downstream teams).
 * Depends on Kafka's admin client only.
 */
package io.eventledger.contract.topic;
