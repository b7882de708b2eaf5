package io.eventledger.command.eventstore;

import io.eventledger.command.eventstore.chain.ChainEntry;
import io.eventledger.contract.envelope.EventMetadata;

/** An event about to be written, with its place in its stream's hash chain. */
public record ChainedEvent(ChainEntry entry, EventMetadata metadata, byte[] prevHash, byte[] hash) {}
