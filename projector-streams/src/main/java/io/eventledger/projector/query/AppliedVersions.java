package io.eventledger.projector.query;

import io.eventledger.projector.topology.DeadLetters;
import io.eventledger.projector.topology.ProjectionListener;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Wakes the queries that wait for an account to reach a version ({@code minVersion}) when this instance's
 * stream thread applies one of the account's events, so that they read the store again once it changed
 * instead of every few milliseconds: under load, hundreds of waiting queries polling the store cost the
 * projector more CPU than projecting did. An account has a pending signal only while someone waits for it.
 */
public final class AppliedVersions implements ProjectionListener {

    private final ConcurrentHashMap<String, Signal> pending = new ConcurrentHashMap<>();

    /** Fired once, at the next event of one account applied here; shared by everyone waiting for it. */
    static final class Signal {

        private final CompletableFuture<Void> applied = new CompletableFuture<>();
        private int waiters;

        boolean fired() {
            return applied.isDone();
        }

        /** Waits until fired or {@code millis} passed, whichever comes first. */
        void await(long millis) throws InterruptedException {
            try {
                applied.get(millis, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // not fired (it is never completed exceptionally): the caller reads the store again anyway
            }
        }
    }

    /**
     * The signal of the next event of {@code accountId} applied here. Join before reading the store, so an
     * event applied between the read and the wait still wakes the waiter; {@link #leave} when done with it.
     */
    Signal join(String accountId) {
        return pending.compute(accountId, (id, signal) -> {
            Signal joined = signal == null ? new Signal() : signal;
            joined.waiters++;
            return joined;
        });
    }

    /** The last waiter to leave an unfired signal takes it away, so quiet accounts leave nothing behind. */
    void leave(String accountId, Signal signal) {
        pending.computeIfPresent(accountId, (id, current) -> current == signal && --current.waiters == 0 ? null : current);
    }

    /** Called on the stream thread, after the stores hold the new version. */
    @Override
    public void applied(String accountId, int version) {
        if (pending.isEmpty()) {
            return;
        }
        Signal signal = pending.remove(accountId);
        if (signal != null) {
            signal.applied.complete(null);
        }
    }

    @Override
    public void duplicate() {
        // nothing new in the stores
    }

    @Override
    public void parked(DeadLetters.Kind kind) {
        // nothing new in the stores
    }

    /** How many accounts have someone waiting: for tests. */
    int waitedFor() {
        return pending.size();
    }
}
