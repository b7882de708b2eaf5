package io.eventledger.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The cache alone, where it is pure: the tokens live in a map standing in for {@code ledger.api_tokens}, the
 * clock is Caffeine's ticker, and "the listener listens" is the flag it sets. The listener itself, with real
 * notifications from Postgres, is tested by command-service's {@code TokenRevocationBroadcastIT}.
 */
class AuthenticatorTest {

    private static final Principal ALICE = new Principal("alice", Set.of(Role.OPERATOR));
    private static final Principal BOB = new Principal("bob", Set.of(Role.READER));

    private final Map<String, Principal> live =
            new ConcurrentHashMap<>(Map.of(hex("alice-token"), ALICE, hex("bob-token"), BOB));
    private final AtomicInteger lookups = new AtomicInteger();
    private final AtomicLong nanos = new AtomicLong();
    private final Ticker ticker = nanos::get;
    private final Authenticator auth = new Authenticator(
            hash -> {
                lookups.incrementAndGet();
                return Optional.ofNullable(live.get(HexFormat.of().formatHex(hash)));
            },
            100,
            Authenticator.BACKSTOP,
            ticker);

    @Test
    void withoutAListenerEveryRequestLooksTheTokenUp() throws Exception {
        assertThat(auth.authenticate("alice-token")).contains(ALICE);
        assertThat(auth.authenticate("alice-token")).contains(ALICE);

        assertThat(lookups).hasValue(2);
        assertThat(auth.cachedTokens()).isZero();
    }

    @Test
    void whileTheListenerListensALiveTokenIsLookedUpOnce() throws Exception {
        auth.listening(true);

        assertThat(auth.authenticate("alice-token")).contains(ALICE);
        assertThat(auth.authenticate("alice-token")).contains(ALICE);
        assertThat(auth.authenticate("bob-token")).contains(BOB);

        assertThat(lookups).hasValue(2);
    }

    @Test
    void unknownTokensAreNeverCached() throws Exception {
        auth.listening(true);

        assertThat(auth.authenticate("made-up")).isEmpty();
        assertThat(auth.authenticate("made-up")).isEmpty();
        assertThat(lookups).hasValue(2);

        live.put(hex("made-up"), BOB);
        assertThat(auth.authenticate("made-up")).contains(BOB);
        assertThat(auth.cachedTokens()).isEqualTo(1);
    }

    @Test
    void aNotifiedRevocationDropsOnlyThatToken() throws Exception {
        auth.listening(true);
        auth.authenticate("alice-token");
        auth.authenticate("bob-token");

        live.remove(hex("alice-token"));
        auth.invalidate(hex("alice-token"));

        assertThat(auth.authenticate("alice-token")).isEmpty();
        assertThat(auth.authenticate("bob-token")).contains(BOB);
        assertThat(lookups).hasValue(3);
    }

    @Test
    void aRevocationTheListenerMissedEndsAtTheBackstop() throws Exception {
        auth.listening(true);
        auth.authenticate("alice-token");
        live.remove(hex("alice-token"));

        nanos.addAndGet(Authenticator.BACKSTOP.minusSeconds(1).toNanos());
        assertThat(auth.authenticate("alice-token"))
                .as("cached until the backstop")
                .contains(ALICE);

        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(auth.authenticate("alice-token")).isEmpty();
    }

    @Test
    void whenTheListenerLosesItsConnectionEverythingIsLookedUpUntilItListensAgain() throws Exception {
        auth.listening(true);
        auth.authenticate("alice-token");
        auth.authenticate("bob-token");

        auth.listening(false);
        live.remove(hex("alice-token"));
        assertThat(auth.cachedTokens()).isZero();
        assertThat(auth.authenticate("alice-token")).isEmpty();
        assertThat(auth.authenticate("bob-token")).contains(BOB);
        assertThat(auth.authenticate("bob-token")).contains(BOB);
        assertThat(lookups).hasValue(2 + 3);

        auth.listening(true);
        assertThat(auth.authenticate("bob-token")).contains(BOB);
        assertThat(auth.authenticate("bob-token")).contains(BOB);
        assertThat(lookups).hasValue(2 + 3 + 1);
    }

    @Test
    void theCacheIsBounded() throws Exception {
        Authenticator small = new Authenticator(hash -> Optional.of(ALICE), 10, Authenticator.BACKSTOP, ticker);
        small.listening(true);
        for (int i = 0; i < 1000; i++) {
            small.authenticate("token-" + i);
        }

        assertThat(small.cachedTokens()).isLessThanOrEqualTo(10);
    }

    @Test
    void aDatabaseErrorIsThrownAndNothingIsCached() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Authenticator flaky = new Authenticator(
                hash -> {
                    if (calls.incrementAndGet() == 1) {
                        throw new SQLException("connection refused", "08001");
                    }
                    return Optional.of(ALICE);
                },
                10,
                Authenticator.BACKSTOP,
                ticker);
        flaky.listening(true);

        assertThatThrownBy(() -> flaky.authenticate("alice-token"))
                .isInstanceOf(SQLException.class)
                .hasMessage("connection refused");
        assertThat(flaky.authenticate("alice-token")).contains(ALICE);
        assertThat(calls).hasValue(2);
    }

    private static String hex(String token) {
        return TokenStore.hashHex(token);
    }
}
