package io.eventledger.command.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
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
 * is stored with the key before the commit.
 */
public final class CommandRunner {

    public static final int MAX_ATTEMPTS = 5;
    private final DataSource dataSource;
    private final EventStore store;
    private final IdempotencyKeys keys;

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

    public CommandRunner(DataSource dataSource, EventStore store, IdempotencyKeys keys) {
        this.dataSource = dataSource;
        this.store = store;
        this.keys = keys;
    }

    /** A command without an idempotency key: its outcome. */
    public <R> R run(Attempt<R> attempt) throws SQLException {
        return run(Optional.empty(), attempt, outcome -> null).outcome().orElseThrow();
    }

    public <R> Result<R> run(Optional<IdempotencyClaim> claim, Attempt<R> attempt, Function<R, Reply> reply)
            throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Optional<Reply> earlier = claim.isPresent() ? keys.claim(c, claim.get()) : Optional.empty();
                if (earlier.isPresent()) {
                    c.rollback();
                    return new Result<>(Optional.empty(), earlier.get());
                }
                R outcome = attempts(c, attempt);
                Reply answer = reply.apply(outcome);
                if (claim.isPresent()) {
                    keys.record(c, claim.get(), answer);
                }
                c.commit();
                return new Result<>(Optional.of(outcome), answer);
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

    private <R> R attempts(Connection c, Attempt<R> attempt) throws SQLException {
        Set<UUID> locks = new HashSet<>();
        for (int n = 1; ; n++) {
            Savepoint savepoint = c.setSavepoint();
            StreamLocks.exclusive(c, locks);
            CommandSession session = new CommandSession(c, store, locks);
            try {
                R outcome = attempt.run(session);
                c.releaseSavepoint(savepoint);
                return outcome;
            } catch (ConcurrencyException e) {
                // also releases the locks this attempt took; the next one takes them again, exclusive
                c.rollback(savepoint);
                if (n == MAX_ATTEMPTS) {
                    throw e;
                }
                locks.addAll(session.written());
            }
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
