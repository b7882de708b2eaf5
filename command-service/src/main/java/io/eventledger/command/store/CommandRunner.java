package io.eventledger.command.store;

import io.eventledger.platform.auth.TokenStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Runs a command in one transaction: claim its idempotency key, then load, decide and append, then store the
 * reply with the key and commit. A lost race (a stream moved past the expected version) rolls the whole
 * transaction back and the command goes again on fresh state, from the second attempt on behind exclusive
 * stream locks (from the first, for the streams the caller names up front), at most {@link #MAX_ATTEMPTS} times. Rolling back the whole transaction rather than to a
 * savepoint costs a retry one more key claim, but spares every first attempt the savepoint's two round trips;
 * a concurrent twin may take the key meanwhile, and then the retry gets the twin's reply. Conflicts, retries
 * and the time from begin to commit go to {@link CommandMetrics}.
 */
public final class CommandRunner {

    public static final int MAX_ATTEMPTS = 5;
    private final DataSource dataSource;
    private final EventStore store;
    private final IdempotencyKeys keys;
    private final CommandMetrics metrics;
    private final Optional<GroupCommit> groupCommit;

    /** One try at the command: load through the session, decide, append through it. */
    @FunctionalInterface
    public interface Attempt<R> {
        R run(CommandSession session) throws SQLException;
    }

    /**
     * The outcome of this run, or none when the reply is the one an earlier run stored for the same key; and the
     * remembered token its transaction found live, if the request named one.
     */
    public record Result<R>(Optional<R> outcome, Reply reply, Optional<String> confirmedToken) {

        public Result(Optional<R> outcome, Reply reply) {
            this(outcome, reply, Optional.empty());
        }

        public boolean replayed() {
            return outcome.isEmpty();
        }
    }

    /** The attempt that went through, and how many streams it appended to. */
    private record Committed<R>(Result<R> result, int streams) {}

    /** Every command in a transaction of its own. */
    public CommandRunner(DataSource dataSource, EventStore store, IdempotencyKeys keys, CommandMetrics metrics) {
        this(dataSource, store, keys, metrics, Optional.empty());
    }

    /** With group commit, commands that name their streams up front share transactions (see {@link GroupCommit}). */
    public CommandRunner(DataSource dataSource, EventStore store, IdempotencyKeys keys, CommandMetrics metrics,
                         Optional<GroupCommit> groupCommit) {
        this.dataSource = dataSource;
        this.store = store;
        this.keys = keys;
        this.metrics = metrics;
        this.groupCommit = groupCommit;
    }

    public <R> Result<R> run(CommandRequest request, Attempt<R> attempt, Function<R, Reply> reply)
            throws SQLException {
        return run(request, Set.of(), attempt, reply);
    }

    /**
     * As {@link #run(CommandRequest, Attempt, Function)}, but every attempt first takes {@code streams}' locks
     * exclusive, before it loads: for commands that know up front which streams they will write. On a hot
     * stream, optimistic first attempts mostly lose and pay a whole attempt plus a rollback each; queueing
     * on the lock from the start makes the first attempt load what it will append to, so it wins.
     */
    public <R> Result<R> run(CommandRequest request, Collection<UUID> streams, Attempt<R> attempt,
                             Function<R, Reply> reply) throws SQLException {
        if (groupCommit.isPresent() && !streams.isEmpty()) {
            Optional<Result<R>> batched = groupCommit.get().run(request, Set.copyOf(streams), attempt, reply);
            if (batched.isPresent()) {
                return batched.get();
            }
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            long began = System.nanoTime();
            Set<UUID> locks = new HashSet<>(streams);
            for (int n = 1; ; n++) {
                try {
                    return timed(once(c, request, attempt, reply, locks), began);
                } catch (ConcurrencyException e) {
                    // the rollback also released the key and the locks; the next attempt takes them again
                    rollback(c, e);
                    metrics.conflicted(request.type());
                    if (n == MAX_ATTEMPTS) {
                        throw e;
                    }
                    metrics.retried(request.type());
                } catch (SQLException | RuntimeException e) {
                    rollback(c, e);
                    throw e;
                }
            }
        }
    }

    /** Reads outside any command transaction, e.g. the current state of an account. */
    public <R> R read(Attempt<R> reader) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return reader.run(new CommandSession(c, store, Set.of()));
        }
    }

    /**
     * One attempt, in a transaction of its own: the outcome committed, or the earlier reply for the key.
     * A lost race adds the streams it tried to write to {@code locks} before it throws.
     */
    private <R> Committed<R> once(Connection c, CommandRequest request, Attempt<R> attempt,
                                  Function<R, Reply> reply, Set<UUID> locks) throws SQLException {
        confirmToken(c, request);
        Optional<Reply> earlier = request.claim().isPresent() ? keys.claim(c, request.claim().get())
                : Optional.empty();
        if (earlier.isPresent()) {
            c.rollback();
            return new Committed<>(new Result<>(Optional.empty(), earlier.get(), request.tokenToConfirm()), 0);
        }
        StreamLocks.exclusive(c, locks);
        CommandSession session = new CommandSession(c, store, locks);
        R outcome;
        try {
            outcome = attempt.run(session);
        } catch (ConcurrencyException e) {
            locks.addAll(session.written());
            throw e;
        }
        Reply answer = reply.apply(outcome);
        if (request.claim().isPresent()) {
            keys.record(c, request.claim().get(), answer);
        }
        c.commit();
        return new Committed<>(new Result<>(Optional.of(outcome), answer, request.tokenToConfirm()),
                session.written().size());
    }

    /** First thing in the transaction, so a revocation committed before it stops the command. */
    private static void confirmToken(Connection c, CommandRequest request) throws SQLException {
        Optional<String> token = request.tokenToConfirm();
        if (token.isPresent() && TokenStore.live(c, List.of(token.get())).isEmpty()) {
            throw new TokenRevokedException();
        }
    }

    /** Only a transaction that wrote events is an append worth timing. */
    private <R> Result<R> timed(Committed<R> committed, long began) {
        if (committed.streams() > 0) {
            metrics.appended(committed.streams(), Duration.ofNanos(System.nanoTime() - began));
        }
        return committed.result();
    }

    private static void rollback(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
