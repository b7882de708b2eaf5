package io.eventledger.platform.http;

import io.eventledger.platform.auth.Principal;
import io.javalin.security.RouteRole;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens already verified once, by hash, for routes that check the token again inside their own database
 * transaction (the write side's commands): such a route skips the per-request lookup, which was a tenth of
 * command-service's CPU under load, yet a revoked token still stops working at once, because the command's
 * transaction, or failing that a lookup before the answer goes out, sees the revocation (see
 * {@link HttpServers#create(io.eventledger.platform.auth.TokenStore, RememberedTokens)}).
 */
public final class RememberedTokens {

    /** Marks a route that confirms its caller's token in its own transaction ({@link HttpServers#confirmed}). */
    public enum Check implements RouteRole {
        IN_TRANSACTION
    }

    /** Enough for every client of a service; when full it starts over, since a miss costs one lookup. */
    static final int MAX_TOKENS = 10_000;

    private final Map<String, Principal> byHash = new ConcurrentHashMap<>();

    Optional<Principal> get(String hashHex) {
        return Optional.ofNullable(byHash.get(hashHex));
    }

    void remember(String hashHex, Principal principal) {
        if (byHash.size() >= MAX_TOKENS) {
            byHash.clear();
        }
        byHash.put(hashHex, principal);
    }

    void forget(String hashHex) {
        byHash.remove(hashHex);
    }
}
