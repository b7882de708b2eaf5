package io.eventledger.projector.query;

import io.eventledger.platform.http.ProblemException;
import io.eventledger.projector.topology.Balance;
import io.javalin.http.Context;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code ?minVersion=N&waitMs=M}, read your writes (docs/http-api.md): a client that just got version N
 * from a command waits up to M ms for the store to catch up instead of reading an older balance; if it
 * does not, 503. A rebalance within the wait is waited out too, since to the client it is only another
 * reason the version is not visible yet. Without {@code waitMs} every query is asked once. A stale copy
 * (a standby) answers under the same rule: only at N or later.
 */
final class ReadYourWrites {

    static final long MAX_WAIT_MS = 10_000;
    /** Between two asks while the application rebalances. */
    private static final long POLL_MS = 20;
    /**
     * The longest a query waiting for a version sleeps between two reads when its version is not applied
     * here: a store can also change by a restore, without an event applied on this instance.
     */
    private static final long RECHECK_MS = 500;

    private final int minVersion;
    private final long waitMs;
    private final long deadline;

    ReadYourWrites(int minVersion, long waitMs) {
        this.minVersion = minVersion;
        this.waitMs = Math.min(waitMs, MAX_WAIT_MS);
        this.deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(this.waitMs);
    }

    static ReadYourWrites from(Context ctx) {
        return new ReadYourWrites(number(ctx, "minVersion"), number(ctx, "waitMs"));
    }

    /**
     * Whether another copy of the key may still be asked after one could not answer: while the wait lasts,
     * or, without a wait, once each.
     */
    boolean mayAskAnother() {
        return waitMs == 0 || System.nanoTime() < deadline;
    }

    /** Asks until the query answers without a 503 or the wait is over; then the last 503 stands. */
    <T> T available(Supplier<T> query) {
        while (true) {
            try {
                return query.get();
            } catch (ProblemException e) {
                if (e.problem().status() != 503 || System.nanoTime() >= deadline) {
                    throw e;
                }
            }
            pause();
        }
    }

    /**
     * Reads until the balance reaches {@code minVersion} or the wait is over; a null balance means unknown
     * account. Reads again when {@code versions} says the version was applied here (a standby copy is not
     * applied here, only copied), else every {@link #RECHECK_MS}.
     */
    LocalRead<Balance> await(AppliedVersions versions, String accountId, Supplier<LocalRead<Balance>> read) {
        if (minVersion == 0) {
            return available(read);
        }
        AppliedVersions.Waiter applied = versions.join(accountId, minVersion);
        try {
            LocalRead<Balance> balance = available(read);
            while (tooOld(balance.value()) && System.nanoTime() < deadline) {
                if (applied.reached()) {
                    // applied here, yet the store read did not show it (the partition moved): wait afresh
                    applied = versions.join(accountId, minVersion);
                }
                awaitApplied(applied);
                balance = available(read);
            }
            if (tooOld(balance.value())) {
                throw ProblemException.unavailable(
                        (balance.stale() ? "the copy here (stale) is" : "the balance is") + " at version "
                                + (balance.value() == null ? 0 : balance.value().version())
                                + ", not yet at minVersion " + minVersion + " after " + waitMs + " ms",
                        1);
            }
            return balance;
        } finally {
            versions.leave(accountId, applied);
        }
    }

    private boolean tooOld(Balance balance) {
        // without minVersion any answer will do, including "unknown account"
        return minVersion > 0 && (balance == null || balance.version() < minVersion);
    }

    private void awaitApplied(AppliedVersions.Waiter applied) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        try {
            applied.await(Math.max(1, Math.min(left, RECHECK_MS)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProblemException.unavailable("interrupted while waiting for the projection", 1);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProblemException.unavailable("interrupted while waiting for the projection", 1);
        }
    }

    private static int number(Context ctx, String name) {
        String text = ctx.queryParam(name);
        try {
            int value = text == null ? 0 : Integer.parseInt(text);
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(name, name + " must be a whole number ≥ 0, got '" + text + "'");
        }
    }
}
