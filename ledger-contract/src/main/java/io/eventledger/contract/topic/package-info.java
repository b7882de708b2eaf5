/**
 * The one place topic names and their settings live (DESIGN §5). Depends on Kafka's admin client only.
 */
package io.eventledger.contract.topic;
