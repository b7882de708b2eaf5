/**
 * The projector deployable's wiring: configuration from the environment and the one place that builds
 * and connects the topology, queries and mirrors. May depend on every stage; only {@code cli} depends on it.
 */
package io.eventledger.projector;
