package io.eventledger.loadtest.verify;

import java.util.UUID;

/** The columns of {@code ledger.events} the checks need. */
public record StoredEvent(String correlationId, UUID streamId, String eventType, UUID eventId) {}
