package io.eventledger.command.execution;

import io.eventledger.command.idempotency.IdempotencyClaim;
import io.eventledger.command.idempotency.RecordedOutcome;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A command waiting for, or taking part in, a batch, and what became of it there: an outcome that commits
 * with the batch, or a refusal that is answered only once the batch is over. Its caller waits in
 * {@link #await}.
 */
final class Pending<R> {

    private final Command<R> command;
    private final CompletableFuture<Executed<R>> settled = new CompletableFuture<>();
    private int attempts;
    private Executed<R> executed;
    private RuntimeException refusal;
    private int written;

    Pending(Command<R> command) {
        this.command = command;
    }

    /**
     * Decides the command on the batch's streams, or recalls its earlier outcome. A refusal takes back what it
     * held; a database error ends the whole batch.
     */
    void decide(BatchStreams batch, Optional<RecordedOutcome> earlier) throws SQLException {
        BatchStreams.Mark mark = batch.mark();
        Session session = batch.session(command.streams());
        try {
            if (earlier.isPresent()) {
                executed = new Executed<>(command.recall(session, earlier.get()), true);
            } else {
                R outcome = command.decide(session);
                executed = new Executed<>(outcome, false);
                written = batch.streamsAppendedSince(mark);
            }
        } catch (RuntimeException e) {
            batch.discardFrom(mark);
            refusal = e;
        }
    }

    /** Refused before deciding (its key was reused for another request): answered once the batch is over. */
    void refuse(RuntimeException e) {
        refusal = e;
    }

    Set<UUID> streams() {
        return command.streams();
    }

    Optional<IdempotencyClaim> claim() {
        return command.request().claim();
    }

    String type() {
        return command.request().type();
    }

    /** Decided now with an outcome that commits with the batch (not recalled, not refused). */
    boolean decidedNow() {
        return executed != null && !executed.replayed();
    }

    /** Refused: its key, if it claimed one, is released by the batch. */
    boolean refused() {
        return refusal != null;
    }

    RecordedOutcome recorded() {
        return command.record(executed.outcome());
    }

    /** How many streams the outcome appended to, for the append meter. */
    int written() {
        return written;
    }

    /** Counts a run of the command in a batch; the executor gives up after a bounded number. */
    void attempt() {
        attempts++;
    }

    int attempts() {
        return attempts;
    }

    /** Forgets what a batch that did not commit made of the command, before it runs again. */
    void reset() {
        executed = null;
        refusal = null;
        written = 0;
    }

    /** After the batch committed: the outcome or the refusal goes to the caller. */
    void settle() {
        if (refusal != null) {
            settled.completeExceptionally(refusal);
        } else {
            settled.complete(executed);
        }
    }

    /** The command failed for good (or its batch's commit failed, so it must not run again). */
    void fail(Exception e) {
        settled.completeExceptionally(e);
    }

    Executed<R> await() throws SQLException {
        try {
            // not interruptible: once queued, a batch may decide the command, so the caller must hear how
            return settled.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw e;
        }
    }
}
