package io.eventledger.command.store;

import io.eventledger.platform.auth.TokenStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * One group commit: queued commands decided one after another in one transaction and committed once, each
 * still all or nothing. The batch claims every idempotency key in one statement, then in one round trip takes
 * every stream's lock, its event positions and every stream's snapshot, reads the streams' events in one
 * more, decides each command on the streams as the earlier commands left them, then writes all events, all
 * outbox rows and all replies with one statement per table, all sent in one round trip. A command that
 * fails takes back only its own appends and key. Anything going wrong in the database before the commit
 * rolls the batch back, and every command runs again alone through the direct path, so no command depends
 * on its batch-mates.
 */
final class CommandBatch {

    private static final Comparator<IdempotencyClaim> KEY_ORDER =
            Comparator.comparing(IdempotencyClaim::userId).thenComparing(IdempotencyClaim::key);
    /** A first guess at how many events a command appends: a deposit one, a transfer two or three. */
    private static final int EVENTS_PER_COMMAND = 2;

    private final DataSource dataSource;
    private final EventStore store;
    private final IdempotencyKeys keys;
    private final Snapshots snapshots;
    private final CommandMetrics metrics;
    private final StreamCache cache = new StreamCache();

    CommandBatch(DataSource dataSource, EventStore store, IdempotencyKeys keys, Snapshots snapshots,
                 CommandMetrics metrics) {
        this.dataSource = dataSource;
        this.store = store;
        this.keys = keys;
        this.snapshots = snapshots;
        this.metrics = metrics;
    }

    /** Settles every command of {@code queued}, whatever happens. */
    void run(List<QueuedCommand<?>> queued) {
        long began = System.nanoTime();
        boolean commitSent = false;
        BatchStreams streams;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<QueuedCommand<?>> batch = claim(c, confirmTokens(c, queued));
                Set<UUID> locked = streams(batch);
                streams = BatchStreams.open(c, store, locked, EVENTS_PER_COMMAND * batch.size(), snapshots, cache);
                for (QueuedCommand<?> command : batch) {
                    command.decide(c, streams);
                }
                // every write of the batch in one round trip: nothing in it depends on another's result
                RoundTrip writes = new RoundTrip();
                streams.write(writes);
                keys.recordAll(writes, batch.stream().filter(q -> q.answered() && q.claim().isPresent())
                        .map(q -> new IdempotencyKeys.Answered(q.claim().get(), q.reply())).toList());
                keys.releaseAll(writes, batch.stream().filter(q -> !q.answered() && q.claim().isPresent())
                        .map(q -> q.claim().get()).toList());
                writes.run(c);
                commitSent = true;
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollback(c, e);
                abandon(queued, commitSent, e);
                return;
            }
        } catch (SQLException e) {
            // no connection (or closing it failed after the commit): the direct path reports it per command
            abandon(queued, commitSent, e);
            return;
        }
        settle(queued, Duration.ofNanos(System.nanoTime() - began));
        // after settling: whatever happens here, a committed command must never be sent to run again
        streams.keepCommitted(cache);
    }

    /**
     * Checks every remembered token of the batch in one statement, first, so a revocation committed before the
     * batch began stops its commands; they are refused at once and take no part in the batch.
     */
    private static List<QueuedCommand<?>> confirmTokens(Connection c, List<QueuedCommand<?>> queued) throws SQLException {
        Set<String> named = new HashSet<>();
        queued.forEach(q -> q.tokenToConfirm().ifPresent(named::add));
        if (named.isEmpty()) {
            return queued;
        }
        Set<String> live = TokenStore.live(c, named);
        List<QueuedCommand<?>> confirmed = new ArrayList<>(queued.size());
        for (QueuedCommand<?> command : queued) {
            if (command.tokenToConfirm().isEmpty() || live.contains(command.tokenToConfirm().get())) {
                confirmed.add(command);
            } else {
                command.refuse(new TokenRevokedException());
            }
        }
        return confirmed;
    }

    /**
     * Claims the keys in one statement, in key order so two batches never wait for each other's keys. A
     * command whose key someone already holds, including a twin earlier in this batch, goes alone at once:
     * through the direct path it waits for the holder and then gets the holder's reply.
     */
    private List<QueuedCommand<?>> claim(Connection c, List<QueuedCommand<?>> queued) throws SQLException {
        List<IdempotencyClaim> claims = new ArrayList<>();
        Set<List<String>> seen = new HashSet<>();
        queued.stream().flatMap(q -> q.claim().stream()).sorted(KEY_ORDER)
                .filter(k -> seen.add(List.of(k.userId(), k.key()))).forEach(claims::add);
        Set<IdempotencyClaim> taken = keys.claimAll(c, claims);
        List<QueuedCommand<?>> batch = new ArrayList<>();
        for (QueuedCommand<?> command : queued) {
            if (command.claim().isEmpty() || taken.remove(command.claim().get())) {
                batch.add(command);
            } else {
                command.goAlone();
            }
        }
        return batch;
    }

    private static Set<UUID> streams(List<QueuedCommand<?>> batch) {
        Set<UUID> streams = new HashSet<>();
        batch.forEach(q -> streams.addAll(q.streams()));
        return streams;
    }

    private void settle(List<QueuedCommand<?>> queued, Duration transaction) {
        metrics.batched(queued.size());
        for (QueuedCommand<?> command : queued) {
            if (command.written() > 0) {
                metrics.appended(command.written(), transaction);
            }
            command.settle();
        }
    }

    /** Before the commit was sent nothing of the batch is stored; after, whether it is stored is unknown. */
    private static void abandon(List<QueuedCommand<?>> queued, boolean commitSent, Exception cause) {
        for (QueuedCommand<?> command : queued) {
            if (commitSent) {
                command.fail(cause);
            } else {
                command.goAlone();
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
