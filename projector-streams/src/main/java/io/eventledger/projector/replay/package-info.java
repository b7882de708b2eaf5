/**
 * Rebuilding the read side from the event topics: rewinding the application's and the mirrors' consumer
 * groups, deleting the stores' changelogs, wiping local state, and following the rebuild's progress.
 * Depends on Kafka's admin client and the topology's store names; never on HTTP, JDBC or Redis.
 */
package io.eventledger.projector.replay;
