package io.eventledger.projector.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.eventledger.common.http.ProblemException;
import io.eventledger.projector.topology.Balance;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ReadYourWritesTest {

    private static final UUID ACCOUNT = UUID.randomUUID();
    private static final String KEY = ACCOUNT.toString();

    private final AppliedVersions versions = new AppliedVersions();
    private final AtomicReference<Balance> store = new AtomicReference<>(balance(1));
    private final AtomicInteger reads = new AtomicInteger();

    @Test
    void aWaitingQueryReadsAgainWhenItsAccountIsAppliedAndLeavesNothingBehind() throws Exception {
        CompletableFuture<Balance> answer = CompletableFuture.supplyAsync(
                () -> new ReadYourWrites(3, 10_000).await(versions, KEY, this::read));
        await().until(() -> versions.waitedFor() == 1);

        store.set(balance(2));
        versions.applied(KEY, 2);
        store.set(balance(3));
        versions.applied(KEY, 3);

        assertThat(answer.get(10, TimeUnit.SECONDS).version()).isEqualTo(3);
        assertThat(versions.waitedFor()).isZero();
    }

    @Test
    void anEventAppliedBetweenTheReadAndTheWaitIsNotMissed() {
        AppliedVersions.Signal signal = versions.join(KEY);
        // the stream thread applies after the waiter joined but before it waits: the signal has fired already
        versions.applied(KEY, 2);
        assertThat(signal.fired()).isTrue();
        assertThat(versions.join(KEY)).isNotSameAs(signal);
    }

    @Test
    void waitersOfOneAccountShareASignalUntilTheLastLeaves() {
        AppliedVersions.Signal first = versions.join(KEY);
        AppliedVersions.Signal second = versions.join(KEY);
        assertThat(second).isSameAs(first);

        versions.leave(KEY, first);
        assertThat(versions.waitedFor()).isEqualTo(1);
        versions.applied("another-account", 5);
        assertThat(second.fired()).isFalse();
        versions.leave(KEY, second);
        assertThat(versions.waitedFor()).isZero();
        // leaving a signal that already fired and was replaced touches nothing
        AppliedVersions.Signal third = versions.join(KEY);
        versions.leave(KEY, first);
        assertThat(versions.waitedFor()).isEqualTo(1);
        versions.leave(KEY, third);
    }

    @Test
    void aVersionThatNeverComesIsA503AfterTheWaitAndLeavesNothingBehind() {
        assertThatThrownBy(() -> new ReadYourWrites(3, 150).await(versions, KEY, this::read))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(503);
                    assertThat(e.getMessage()).contains("at version 1, not yet at minVersion 3");
                });
        // re-read on the timer even though nothing was applied here (a restore changes the store silently)
        assertThat(reads.get()).isGreaterThan(1);
        assertThat(versions.waitedFor()).isZero();
    }

    @Test
    void withoutMinVersionTheStoreIsReadOnceAndNobodyWaits() {
        assertThat(new ReadYourWrites(0, 10_000).await(versions, KEY, this::read).version()).isEqualTo(1);
        assertThat(reads.get()).isEqualTo(1);
        assertThat(versions.waitedFor()).isZero();
    }

    private Balance read() {
        reads.incrementAndGet();
        return store.get();
    }

    private static Balance balance(int version) {
        return new Balance(ACCOUNT, "owner", "EUR", new BigDecimal("10.00"), Balance.Status.OPEN, version,
                UUID.randomUUID(), "hash", Instant.parse("2026-12-04T12:00:00Z"));
    }
}
