package io.eventledger.command.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Runs a command in one transaction: claim its idempotency key, then load, decide and append; a lost race
 * (a stream moved past the expected version) is rolled back to a savepoint and decided again on fresh state,
 * from the second attempt on behind exclusive stream locks, at most {@link #MAX_ATTEMPTS} times. The reply
 * is stored with the key before the commit. Conflicts, retries and the time from begin to commit go to
 * {@link CommandMetrics}.
 */
public final class CommandRunner {

    public static final int MAX_ATTEMPTS = 5;
    private final DataSource dataSource;
    private final EventStore store;
    private final IdempotencyKeys keys;
    private final CommandMetrics metrics;

    /** One try at the command: load through the session, decide, append through it. */
    @FunctionalInterface
    public interface Attempt<R> {
        R run(CommandSession session) throws SQLException;
    }

    /** The outcome of this run, or none when the reply is the one an earlier run stored for the same key. */
    public record Result<R>(Optional<R> outcome, Reply reply) {

        public boolean replayed() {
            return outcome.isEmpty();
        }
    }

    /** The attempt that went through: its outcome and how many streams it appended to. */
    private record Decided<R>(R outcome, int streams) {}

    public CommandRunner(DataSource dataSource, EventStore store, IdempotencyKeys keys, CommandMetrics metrics) {
        this.dataSource = dataSource;
        this.store = store;
        this.keys = keys;
        this.metrics = metrics;
    }

    public <R> Result<R> run(CommandRequest request, Attempt<R> attempt, Function<R, Reply> reply)
            throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            long began = System.nanoTime();
            try {
                Optional<Reply> earlier = request.claim().isPresent() ? keys.claim(c, request.claim().get())
                        : Optional.empty();
                if (earlier.isPresent()) {
                    c.rollback();
                    return new Result<>(Optional.empty(), earlier.get());
                }
                return decideAndCommit(c, request, attempt, reply, began);
            } catch (SQLException | RuntimeException e) {
                rollback(c, e);
                throw e;
            }
        }
    }

    /** Reads outside any command transaction, e.g. the current state of an account. */
    public <R> R read(Attempt<R> reader) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return reader.run(new CommandSession(c, store, Set.of()));
        }
    }

    private <R> Result<R> decideAndCommit(Connection c, CommandRequest request, Attempt<R> attempt,
                                          Function<R, Reply> reply, long began) throws SQLException {
        Decided<R> decided = attempts(c, request.type(), attempt);
        Reply answer = reply.apply(decided.outcome());
        if (request.claim().isPresent()) {
            keys.record(c, request.claim().get(), answer);
        }
        c.commit();
        timeAppend(decided, began);
        return new Result<>(Optional.of(decided.outcome()), answer);
    }

    private <R> Decided<R> attempts(Connection c, String type, Attempt<R> attempt) throws SQLException {
        Set<UUID> locks = new HashSet<>();
        for (int n = 1; ; n++) {
            Savepoint savepoint = c.setSavepoint();
            StreamLocks.exclusive(c, locks);
            CommandSession session = new CommandSession(c, store, locks);
            try {
                R outcome = attempt.run(session);
                c.releaseSavepoint(savepoint);
                return new Decided<>(outcome, session.written().size());
            } catch (ConcurrencyException e) {
                // also releases the locks this attempt took; the next one takes them again, exclusive
                c.rollback(savepoint);
                metrics.conflicted(type);
                if (n == MAX_ATTEMPTS) {
                    throw e;
                }
                metrics.retried(type);
                locks.addAll(session.written());
            }
        }
    }

    /** Only a transaction that wrote events is an append worth timing. */
    private void timeAppend(Decided<?> decided, long began) {
        if (decided.streams() > 0) {
            metrics.appended(decided.streams(), Duration.ofNanos(System.nanoTime() - began));
        }
    }

    private static void rollback(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
