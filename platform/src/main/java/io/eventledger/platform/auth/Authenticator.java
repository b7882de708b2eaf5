package io.eventledger.platform.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The one authentication check of both HTTP services: bearer token → the {@link Principal} it belongs to, or
 * empty for an unknown or revoked token. Live tokens are cached by hash, but only while a
 * {@link TokenRevocationListener} is listening for revocations on the database: it drops a revoked token's entry
 * within a second of the revocation's commit, and drops the whole cache whenever its connection fails, since
 * notifications may have been missed. Without a listening listener (not started yet, reconnecting, or none at all,
 * as in a tool) every call looks the token up, as a cache nobody invalidates would outlive revocations.
 */
public final class Authenticator {

    /** How a token is looked up by its SHA-256 hash; {@link TokenStore#verifyHash} in the services. */
    @FunctionalInterface
    public interface Lookup {
        Optional<Principal> byHash(byte[] tokenHash) throws SQLException;
    }

    /** Far more tokens than the clients of one instance use; the least used go first when it is full. */
    public static final long MAX_TOKENS = 10_000;

    /**
     * The backstop: a cached token is looked up again at the latest this long after it was cached, even if no
     * notification came. Revocations arrive by notification within a second; this only bounds what a revocation
     * the listener cannot see costs: one written with triggers disabled (a restore, a session with
     * {@code session_replication_role = replica}), a database restored to an older state, or a bug. Five minutes
     * costs one lookup per live token and instance every five minutes, nothing under load.
     */
    public static final Duration BACKSTOP = Duration.ofMinutes(5);

    private final Lookup lookup;
    private final long maxTokens;
    private final Duration backstop;
    private final Ticker ticker;
    // replaced as a whole rather than cleared, so a lookup still in flight cannot put an old answer into a new cache
    private volatile Cache<String, Principal> cache;
    private volatile boolean listening;

    /** Looks tokens up in {@code tokens}; caches them once a {@link TokenRevocationListener} listens for it. */
    public Authenticator(TokenStore tokens) {
        this(tokens::verifyHash, MAX_TOKENS, BACKSTOP, Ticker.systemTicker());
    }

    Authenticator(Lookup lookup, long maxTokens, Duration backstop, Ticker ticker) {
        this.lookup = lookup;
        this.maxTokens = maxTokens;
        this.backstop = backstop;
        this.ticker = ticker;
        this.cache = newCache();
    }

    /**
     * The principal of a live token, or empty for an unknown or revoked one. Only live tokens are cached: a flood
     * of made-up tokens must not push the real ones out, and a token created later must not meet a cached miss.
     *
     * @throws SQLException when the token is not cached and the database cannot be asked
     */
    public Optional<Principal> authenticate(String bearerToken) throws SQLException {
        byte[] hash = TokenStore.hash(bearerToken);
        if (!listening) {
            return lookup.byHash(hash);
        }
        try {
            return Optional.ofNullable(cache.get(HexFormat.of().formatHex(hash), key -> load(hash)));
        } catch (LookupFailed e) {
            throw e.getCause();
        }
    }

    /** Forgets the token with this SHA-256 hash (lower-case hex); its next request looks it up again. */
    public void invalidate(String tokenHashHex) {
        cache.invalidate(tokenHashHex);
    }

    /** Forgets every token; their next requests look them up again. */
    public void invalidateAll() {
        cache = newCache();
    }

    /**
     * Set by the listener: {@code true} once it listens (the cache starts empty, since revocations committed before
     * may have been missed); {@code false} when its connection failed (every call looks the token up until it
     * listens again).
     */
    void listening(boolean nowListening) {
        if (!nowListening) {
            listening = false;
        }
        invalidateAll();
        if (nowListening) {
            listening = true;
        }
    }

    boolean isListening() {
        return listening;
    }

    /** How many tokens are cached now (an estimate, as Caffeine counts). */
    long cachedTokens() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    private Principal load(byte[] hash) {
        try {
            return lookup.byHash(hash).orElse(null);
        } catch (SQLException e) {
            throw new LookupFailed(e);
        }
    }

    private Cache<String, Principal> newCache() {
        return Caffeine.newBuilder()
                .maximumSize(maxTokens)
                .expireAfterWrite(backstop)
                .ticker(ticker)
                // eviction is a few entries' work: done by the caller, not queued on the common pool
                .executor(Runnable::run)
                .build();
    }

    /** Carries a lookup's SQLException out of Caffeine's mapping function. */
    private static final class LookupFailed extends RuntimeException {
        LookupFailed(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }
}
