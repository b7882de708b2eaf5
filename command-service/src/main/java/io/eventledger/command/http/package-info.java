/**
 * The HTTP stage of the write side: routes on the platform's Javalin app, request parsing, problem mapping,
 * health and metrics. Handlers parse and answer; the store's {@code AccountCommands} does the work. May
 * depend on Javalin, Jackson, Micrometer and the store and domain packages; never on Kafka.
 */
package io.eventledger.command.http;
