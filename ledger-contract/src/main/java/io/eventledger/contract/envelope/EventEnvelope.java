package io.eventledger.contract.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/**
 * The value of every record on the event topics, as docs/topics.md describes it to downstream teams.
 * {@code hash} and {@code prevHash} are
 * lower-case hex of the per-stream SHA-256 chain.
 */
public record EventEnvelope(
        UUID eventId,
        String aggregateType,
        UUID aggregateId,
        int version,
        long position,
        String eventType,
        int schemaVersion,
        Instant occurredAt,
        Instant recordedAt,
        JsonNode data,
        EventMetadata metadata,
        String hash,
        String prevHash) {}
