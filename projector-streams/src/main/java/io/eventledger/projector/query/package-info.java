/**
 * Stage 2 of the read side: HTTP over the running topology's stores (interactive queries, forwarded to
 * the instance that owns a key, totals gathered from every instance), health and metrics. Depends on Kafka
 * Streams, Javalin, Micrometer and {@code common}'s HTTP and auth, and on the topology's store names and
 * read-model types; never on the mirrors.
 */
package io.eventledger.projector.query;
