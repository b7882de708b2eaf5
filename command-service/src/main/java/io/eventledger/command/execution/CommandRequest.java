package io.eventledger.command.execution;

import io.eventledger.command.idempotency.IdempotencyClaim;
import io.eventledger.contract.envelope.EventMetadata;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Who sends a command and on what terms: its type as the meters name it (e.g. {@code deposit}), the metadata
 * its events carry, the version the client last saw ({@code If-Match}; a different current version fails
 * instead of being retried) and its idempotency claim.
 */
public record CommandRequest(
        String type, EventMetadata metadata, OptionalInt ifMatch, Optional<IdempotencyClaim> claim) {

    /** The type of a command sent in-process (tests, tools) rather than through a route that names it. */
    public static final String DIRECT = "direct";

    public CommandRequest {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(ifMatch, "ifMatch");
        Objects.requireNonNull(claim, "claim");
    }

    /** A command sent in-process, without preconditions or idempotency key. */
    public static CommandRequest of(EventMetadata metadata) {
        return new CommandRequest(DIRECT, metadata, OptionalInt.empty(), Optional.empty());
    }

    /** Fails with {@link PreconditionFailedException} when the client saw another version than the current one. */
    public void checkIfMatch(int currentVersion) {
        if (ifMatch.isPresent() && ifMatch.getAsInt() != currentVersion) {
            throw new PreconditionFailedException(ifMatch.getAsInt(), currentVersion);
        }
    }
}
