/**
 * JMH benchmarks of command-service's code paths: loading an aggregate from the event store, parsing command
 * bodies. Each {@code main} runs its benchmark in a forked JVM with this module's classpath.
 */
package io.eventledger.benchmarks.command;
