/**
 * Rebuilding the read side from the event topics: rewinding the application's and the mirrors' consumer
 * groups and deleting the application's internal topics (as Kafka's reset tool does, see ReplayReset), and
 * following the rebuild's progress. Depends on Kafka's admin client only; never on HTTP, JDBC or Redis.
 */
package io.eventledger.projector.replay;
