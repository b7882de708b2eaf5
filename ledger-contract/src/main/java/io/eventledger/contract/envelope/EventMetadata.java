package io.eventledger.contract.envelope;

import java.util.List;

/**
 * Who and why, stored with every event. {@code userId} and {@code roles} come from the bearer token,
 * never from a request body.
 */
public record EventMetadata(
        String userId,
        List<String> roles,
        String correlationId,
        String causationId,
        String commandId,
        String ip,
        String userAgent) {

    public EventMetadata {
        roles = roles == null ? List.of() : List.copyOf(roles);
    }
}
