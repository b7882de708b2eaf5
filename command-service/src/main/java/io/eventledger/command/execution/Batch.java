package io.eventledger.command.execution;

import io.eventledger.command.eventstore.EventStore;
import io.eventledger.command.eventstore.RoundTrip;
import io.eventledger.command.eventstore.StreamCache;
import io.eventledger.command.idempotency.IdempotencyClaim;
import io.eventledger.command.idempotency.IdempotencyKeyReusedException;
import io.eventledger.command.idempotency.IdempotencyKeys;
import io.eventledger.command.idempotency.RecordedOutcome;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * One batch: commands decided one after another in one transaction and committed once, each still all or
 * nothing. In order: claim every idempotency key in one statement; in one round trip lock every stream
 * exclusive, take event positions and read every snapshot; read the streams' events in one more; decide each
 * command on the streams as the earlier commands left them (or recall the outcome of a repeated key); then
 * write all events, outbox rows, snapshots and key outcomes, one statement per table, in one round trip, and
 * commit. A refused command takes back only its own appends and key.
 */
final class Batch {

    private static final Comparator<IdempotencyClaim> KEY_ORDER =
            Comparator.comparing(IdempotencyClaim::userId).thenComparing(IdempotencyClaim::key);
    /** A first guess at how many events a command appends: a deposit one, a transfer two or three. */
    private static final int EVENTS_PER_COMMAND = 2;

    private final DataSource dataSource;
    private final EventStore store;
    private final IdempotencyKeys keys;
    private final StreamCache cache;

    /** How a run ended; {@code error} is set unless it committed. */
    enum Ending {
        COMMITTED,
        ROLLED_BACK,
        COMMIT_UNKNOWN
    }

    /**
     * What a run did: the commands that took part (every command, unless it committed), those to queue again
     * (twins of a key claimed earlier in the same batch, which then find its outcome), and how it ended.
     */
    record Run(List<Pending<?>> took, List<Pending<?>> again, Ending ending, Exception error) {}

    Batch(DataSource dataSource, EventStore store, IdempotencyKeys keys, StreamCache cache) {
        this.dataSource = dataSource;
        this.store = store;
        this.keys = keys;
        this.cache = cache;
    }

    Run run(List<Pending<?>> queued) {
        List<Pending<?>> took = new ArrayList<>(queued.size());
        List<Pending<?>> again = new ArrayList<>();
        boolean commitSent = false;
        BatchStreams streams;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Map<Pending<?>, RecordedOutcome> earlier = claim(c, queued, took, again);
                streams = BatchStreams.open(c, store, streams(took), EVENTS_PER_COMMAND * took.size(), cache);
                for (Pending<?> command : took) {
                    if (!command.refused()) {
                        command.decide(streams, Optional.ofNullable(earlier.get(command)));
                    }
                }
                RoundTrip writes = new RoundTrip();
                streams.write(writes);
                keys.recordAll(
                        writes,
                        took.stream()
                                .filter(Pending::decidedNow)
                                .filter(p -> p.claim().isPresent())
                                .map(p -> new IdempotencyKeys.Answered(p.claim().get(), p.recorded()))
                                .toList());
                keys.releaseAll(
                        writes,
                        took.stream()
                                .filter(Pending::refused)
                                .filter(p -> !earlier.containsKey(p))
                                .flatMap(p -> p.claim().stream())
                                .toList());
                writes.run(c);
                commitSent = true;
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollback(c, e);
                return new Run(queued, List.of(), ending(commitSent), e);
            }
        } catch (SQLException e) {
            // no connection, or closing it failed after the commit
            return new Run(queued, List.of(), ending(commitSent), e);
        }
        // after the commit: a cached stream must hold only committed events
        streams.keepCommitted(cache);
        return new Run(took, again, Ending.COMMITTED, null);
    }

    /**
     * Claims the keys in one statement, in key order so two batches never wait for each other's keys. A
     * command whose key a twin earlier in this batch claimed waits for the next batch, where it finds the twin's
     * outcome; one whose key a committed request holds gets that request's outcome recalled, unless it is
     * another request under the same key (refused). Fills {@code took} and {@code again}.
     */
    private Map<Pending<?>, RecordedOutcome> claim(
            Connection c, List<Pending<?>> queued, List<Pending<?>> took, List<Pending<?>> again) throws SQLException {
        Set<List<String>> seen = new HashSet<>();
        List<IdempotencyClaim> claims = queued.stream()
                .flatMap(p -> p.claim().stream())
                .sorted(KEY_ORDER)
                .filter(k -> seen.add(List.of(k.userId(), k.key())))
                .toList();
        Set<IdempotencyClaim> taken = keys.claimAll(c, claims);
        Set<List<String>> takenHere = new HashSet<>();
        List<Pending<?>> held = new ArrayList<>();
        for (Pending<?> command : queued) {
            Optional<IdempotencyClaim> claim = command.claim();
            if (claim.isEmpty() || taken.remove(claim.get())) {
                claim.ifPresent(k -> takenHere.add(List.of(k.userId(), k.key())));
                took.add(command);
            } else if (takenHere.contains(
                    List.of(claim.get().userId(), claim.get().key()))) {
                again.add(command);
            } else {
                held.add(command);
            }
        }
        return recall(c, held, took);
    }

    /** The outcomes committed earlier requests left under the keys of {@code held}, read in one statement. */
    private Map<Pending<?>, RecordedOutcome> recall(Connection c, List<Pending<?>> held, List<Pending<?>> took)
            throws SQLException {
        Map<Pending<?>, RecordedOutcome> earlier = new HashMap<>();
        if (held.isEmpty()) {
            return earlier;
        }
        Map<List<String>, IdempotencyKeys.Earlier> found =
                keys.findAll(c, held.stream().map(p -> p.claim().orElseThrow()).toList());
        for (Pending<?> command : held) {
            IdempotencyClaim claim = command.claim().orElseThrow();
            IdempotencyKeys.Earlier stored = found.get(List.of(claim.userId(), claim.key()));
            if (stored == null) {
                throw new IllegalStateException("idempotency key " + claim.key() + " conflicted but is gone");
            }
            if (!stored.requestHash().equals(claim.requestHash())) {
                command.refuse(new IdempotencyKeyReusedException(claim.key()));
            }
            earlier.put(command, stored.outcome());
            took.add(command);
        }
        return earlier;
    }

    private static Set<UUID> streams(List<Pending<?>> took) {
        Set<UUID> streams = new HashSet<>();
        took.forEach(p -> streams.addAll(p.streams()));
        return streams;
    }

    /** Before the commit was sent nothing of the batch is stored; after, whether it is stored is unknown. */
    private static Ending ending(boolean commitSent) {
        return commitSent ? Ending.COMMIT_UNKNOWN : Ending.ROLLED_BACK;
    }

    private static void rollback(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
