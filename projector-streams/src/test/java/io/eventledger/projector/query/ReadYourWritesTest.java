package io.eventledger.projector.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.eventledger.platform.http.ProblemException;
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
    private volatile boolean staleCopy;

    @Test
    void aWaitingQueryReadsAgainWhenItsAccountIsAppliedAndLeavesNothingBehind() throws Exception {
        CompletableFuture<LocalRead<Balance>> answer =
                CompletableFuture.supplyAsync(() -> new ReadYourWrites(3, 10_000).await(versions, KEY, this::read));
        await().until(() -> versions.waitedFor() == 1);

        store.set(balance(2));
        versions.applied(KEY, 2);
        store.set(balance(3));
        versions.applied(KEY, 3);

        assertThat(answer.get(10, TimeUnit.SECONDS).value().version()).isEqualTo(3);
        assertThat(versions.waitedFor()).isZero();
    }

    @Test
    void aVersionAppliedBetweenTheReadAndTheWaitIsNotMissed() {
        AppliedVersions.Waiter waiter = versions.join(KEY, 3);
        // the stream thread applies after the waiter registered but before it waits: it is woken already
        versions.applied(KEY, 3);
        assertThat(waiter.reached()).isTrue();
        assertThat(versions.waitedFor()).isZero();
    }

    @Test
    void aWaiterIsWokenOnlyByItsVersionOrALaterOne() {
        AppliedVersions.Waiter forThree = versions.join(KEY, 3);
        AppliedVersions.Waiter forFive = versions.join(KEY, 5);
        AppliedVersions.Waiter otherAccount = versions.join("another-account", 1);

        versions.applied(KEY, 2);
        assertThat(forThree.reached()).isFalse();
        versions.applied(KEY, 4);
        assertThat(forThree.reached()).isTrue();
        assertThat(forFive.reached()).isFalse();
        assertThat(otherAccount.reached()).isFalse();

        versions.leave(KEY, forFive);
        versions.leave(KEY, forThree);
        assertThat(versions.waitedFor()).isEqualTo(1);
        versions.leave("another-account", otherAccount);
        assertThat(versions.waitedFor()).isZero();
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
        assertThat(new ReadYourWrites(0, 10_000)
                        .await(versions, KEY, this::read)
                        .value()
                        .version())
                .isEqualTo(1);
        assertThat(reads.get()).isEqualTo(1);
        assertThat(versions.waitedFor()).isZero();
    }

    @Test
    void aStaleCopyAnswersOnlyAtMinVersionAndSaysItIsStale() {
        staleCopy = true;
        store.set(balance(3));

        LocalRead<Balance> atMinVersion = new ReadYourWrites(3, 0).await(versions, KEY, this::read);
        assertThat(atMinVersion.stale()).isTrue();
        assertThat(atMinVersion.value().version()).isEqualTo(3);

        assertThatThrownBy(() -> new ReadYourWrites(4, 0).await(versions, KEY, this::read))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(503);
                    assertThat(e.getMessage())
                            .contains("the copy here (stale) is at version 3, not yet at minVersion 4");
                });
        assertThat(versions.waitedFor()).isZero();
    }

    @Test
    void anotherCopyIsAskedOnceEachWithoutAWaitAndOnlyWhileAWaitLasts() {
        assertThat(new ReadYourWrites(0, 0).mayAskAnother()).isTrue();
        assertThat(new ReadYourWrites(3, 10_000).mayAskAnother()).isTrue();

        ReadYourWrites shortWait = new ReadYourWrites(3, 1);
        await().until(() -> !shortWait.mayAskAnother());
    }

    private LocalRead<Balance> read() {
        reads.incrementAndGet();
        return new LocalRead<>(store.get(), staleCopy);
    }

    private static Balance balance(int version) {
        return new Balance(
                ACCOUNT,
                "owner",
                "EUR",
                new BigDecimal("10.00"),
                Balance.Status.OPEN,
                version,
                UUID.randomUUID(),
                "hash",
                Instant.parse("2026-12-04T12:00:00Z"));
    }
}
