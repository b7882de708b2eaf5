package io.eventledger.command.idempotency;

import java.util.UUID;

/**
 * What a command produced, as kept with its idempotency key: the stream it was about and that stream's version
 * right after it. A repeat of the request is answered from the stream as it was at that version, which the
 * event store keeps for ever, so the answer is the first one again without a copy of it being stored.
 */
public record RecordedOutcome(UUID streamId, int version) {}
