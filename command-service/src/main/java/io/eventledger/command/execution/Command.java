package io.eventledger.command.execution;

import io.eventledger.command.idempotency.RecordedOutcome;
import java.sql.SQLException;
import java.util.Set;
import java.util.UUID;

/**
 * One command as the {@link CommandExecutor} runs it: parsed complete at the edge, it names every stream it
 * may write, so its batch locks them before anything is loaded, then decides it on what it loads.
 *
 * @param <R> what the command produced, from which the caller renders its answer
 */
public interface Command<R> {

    CommandRequest request();

    /** Every stream the command may append to; appending to another is a bug and refuses the command. */
    Set<UUID> streams();

    /** Loads, decides and appends through the session; a refusal is an exception, and nothing of it is kept. */
    R decide(Session session) throws SQLException;

    /** What is kept with the command's idempotency key. */
    RecordedOutcome record(R outcome);

    /** The outcome again, for a repeat of the request: from the stream as it was at the recorded version. */
    R recall(Session session, RecordedOutcome recorded) throws SQLException;
}
