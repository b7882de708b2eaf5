/**
 * Upcasters turn stored or published data of an old schema version into the current shape. One
 * registry, used by the event store's load path and by every Kafka reader. Jackson trees only.
 */
package io.eventledger.contract.upcast;
