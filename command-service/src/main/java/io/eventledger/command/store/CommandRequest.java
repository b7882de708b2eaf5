package io.eventledger.command.store;

import io.eventledger.common.envelope.EventMetadata;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Who sends a command and on what terms: the metadata its events carry, the version the client last saw
 * ({@code If-Match}; a different current version fails instead of being retried) and its idempotency claim.
 */
public record CommandRequest(EventMetadata metadata, OptionalInt ifMatch, Optional<IdempotencyClaim> claim) {

    public CommandRequest {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(ifMatch, "ifMatch");
        Objects.requireNonNull(claim, "claim");
    }

    public static CommandRequest of(EventMetadata metadata) {
        return new CommandRequest(metadata, OptionalInt.empty(), Optional.empty());
    }

    /** Fails with {@link PreconditionFailedException} when the client saw another version than the current one. */
    void checkIfMatch(int currentVersion) {
        if (ifMatch.isPresent() && ifMatch.getAsInt() != currentVersion) {
            throw new PreconditionFailedException(ifMatch.getAsInt(), currentVersion);
        }
    }
}
