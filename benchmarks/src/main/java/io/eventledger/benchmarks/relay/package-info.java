/**
 * The relay benchmark (infra/bench.sh part c): lag under a steady command load, then the drain rate of an
 * outbox backlog, and what Kafka's ProducerPerformance needs to be measured on the same records.
 */
package io.eventledger.benchmarks.relay;
