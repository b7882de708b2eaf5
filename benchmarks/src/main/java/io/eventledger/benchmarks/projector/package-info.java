/**
 * The projector's benchmark mains (infra/bench.sh parts d, e, g): projection rate, replay and query latency,
 * each on a fresh topic prefix with a Zipf-skewed event load ({@link io.eventledger.benchmarks.projector.EventLoad}).
 */
package io.eventledger.benchmarks.projector;
