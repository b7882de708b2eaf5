package io.eventledger.command.store;

import java.util.Map;
import java.util.Objects;

/**
 * What a client was answered for a command: status, JSON body and headers such as {@code Location}. It is
 * stored with the command's idempotency key and replayed byte for byte.
 */
public record Reply(int status, String body, Map<String, String> headers) {

    public Reply {
        Objects.requireNonNull(body, "body");
        headers = Map.copyOf(headers);
    }
}
