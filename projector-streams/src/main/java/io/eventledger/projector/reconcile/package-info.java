/**
 * Checking the read side against the source of truth: folds every account from the event store with the
 * projector's own balance fold and compares the result with the state store (over HTTP), the Postgres
 * mirror and the Redis mirror. Depends on JDBC, Lettuce, an HTTP client, the topology's fold and the
 * mirrors' key shapes; never on command-service.
 */
package io.eventledger.projector.reconcile;
