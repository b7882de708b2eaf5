/**
 * The hash chain per stream: each event's hash covers the previous hash and the canonical JSON of the event,
 * so any changed, removed or reordered row breaks the chain. Pure JDK and Jackson.
 */
package io.eventledger.command.eventstore.chain;
