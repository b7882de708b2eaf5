package io.eventledger.command.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;

/**
 * What a verification found. {@code firstBrokenLink} is the first bad link in (stream id, version)
 * order and null when {@code ok}; {@code brokenLinks} counts every bad link seen.
 */
public record ChainReport(
        long verifiedStreams,
        long verifiedEvents,
        boolean ok,
        long brokenLinks,
        @JsonInclude(JsonInclude.Include.ALWAYS) BrokenLink firstBrokenLink) {

    /**
     * A link that does not hold: {@code expectedHash} is what the chain says belongs there (the
     * recomputed hash, or the previous event's hash for a prev_hash), {@code foundHash} what is stored.
     */
    public record BrokenLink(UUID streamId, int version, String expectedHash, String foundHash, String reason) {}
}
