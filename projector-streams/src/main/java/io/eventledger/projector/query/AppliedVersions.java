package io.eventledger.projector.query;

import io.eventledger.projector.topology.DeadLetters;
import io.eventledger.projector.topology.ProjectionListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Wakes the queries that wait for an account to reach a version ({@code minVersion}) when this instance's
 * stream thread applies that version, so that they read the store once more instead of every few
 * milliseconds: under load, hundreds of waiting queries polling the store cost the projector more CPU than
 * projecting did. A waiter is woken only by the version it waits for (or a later one), not by every event
 * of a busy account. An account has an entry only while someone waits for it.
 */
public final class AppliedVersions implements ProjectionListener {

    private final ConcurrentHashMap<String, List<Waiter>> waiting = new ConcurrentHashMap<>();

    /** One query waiting for its account to reach {@code minVersion} here. */
    static final class Waiter {

        private final int minVersion;
        private final CompletableFuture<Void> reached = new CompletableFuture<>();

        private Waiter(int minVersion) {
            this.minVersion = minVersion;
        }

        boolean reached() {
            return reached.isDone();
        }

        /** Waits until the version was applied or {@code millis} passed, whichever comes first. */
        void await(long millis) throws InterruptedException {
            try {
                reached.get(millis, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // not reached (it is never completed exceptionally): the caller reads the store again anyway
            }
        }
    }

    /**
     * Registers a wait for {@code accountId} to reach {@code minVersion}. Register before reading the store,
     * so a version applied between the read and the wait still wakes the waiter; {@link #leave} when done.
     */
    Waiter join(String accountId, int minVersion) {
        Waiter waiter = new Waiter(minVersion);
        waiting.compute(accountId, (id, waiters) -> {
            List<Waiter> list = waiters == null ? new ArrayList<>() : waiters;
            list.add(waiter);
            return list;
        });
        return waiter;
    }

    /** Takes a wait back; the last one of an account takes the account's entry away. */
    void leave(String accountId, Waiter waiter) {
        waiting.computeIfPresent(accountId, (id, waiters) -> {
            waiters.remove(waiter);
            return waiters.isEmpty() ? null : waiters;
        });
    }

    /** Called on the stream thread, after the stores hold the new version. */
    @Override
    public void applied(String accountId, int version) {
        if (waiting.isEmpty()) {
            return;
        }
        // inside computeIfPresent, so joins and leaves of this account wait for it; others do not
        waiting.computeIfPresent(accountId, (id, waiters) -> {
            waiters.removeIf(w -> w.minVersion <= version && w.reached.complete(null));
            return waiters.isEmpty() ? null : waiters;
        });
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
        return waiting.size();
    }
}
