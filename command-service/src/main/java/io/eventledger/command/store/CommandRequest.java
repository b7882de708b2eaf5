package io.eventledger.command.store;

import io.eventledger.contract.envelope.EventMetadata;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Who sends a command and on what terms: its type as the meters name it (e.g. {@code deposit}), the metadata
 * its events carry, the version the client last saw ({@code If-Match}; a different current version fails
 * instead of being retried), its idempotency claim, and the hash (hex) of a remembered bearer token that the
 * command's transaction must find live before it does anything else ({@link TokenRevokedException} if not).
 */
public record CommandRequest(String type, EventMetadata metadata, OptionalInt ifMatch,
                             Optional<IdempotencyClaim> claim, Optional<String> tokenToConfirm) {

    /** The type of a command sent in-process (tests, tools) rather than through a route that names it. */
    public static final String DIRECT = "direct";

    public CommandRequest {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(ifMatch, "ifMatch");
        Objects.requireNonNull(claim, "claim");
        Objects.requireNonNull(tokenToConfirm, "tokenToConfirm");
    }

    /** A command whose caller's token was looked up just now (or that has none), so nothing is left to confirm. */
    public CommandRequest(String type, EventMetadata metadata, OptionalInt ifMatch, Optional<IdempotencyClaim> claim) {
        this(type, metadata, ifMatch, claim, Optional.empty());
    }

    /** A command sent in-process, without preconditions or idempotency key. */
    public static CommandRequest of(EventMetadata metadata) {
        return new CommandRequest(DIRECT, metadata, OptionalInt.empty(), Optional.empty());
    }

    /** Fails with {@link PreconditionFailedException} when the client saw another version than the current one. */
    void checkIfMatch(int currentVersion) {
        if (ifMatch.isPresent() && ifMatch.getAsInt() != currentVersion) {
            throw new PreconditionFailedException(ifMatch.getAsInt(), currentVersion);
        }
    }
}
