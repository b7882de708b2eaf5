package io.eventledger.command.relay;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The relay's batches sent and not yet settled, oldest first, so that the next batch is read and sent
 * while the broker acknowledges the previous ones. A row whose aggregate already has a row in flight is
 * held back (it stays in the outbox and is read again later): if that earlier batch fails, no later row of
 * the aggregate can have reached the topic ahead of it. Batches in flight thus never share an aggregate,
 * and each one can be deleted, or sent again, on its own.
 */
final class InFlight {

    private final int depth;
    private final Deque<SentBatch> batches = new ArrayDeque<>();
    /** Aggregate id → rows of it in flight. */
    private final Map<String, Integer> aggregates = new HashMap<>();

    InFlight(int depth) {
        this.depth = depth;
    }

    /** The rows that may be sent now, in the order read: those of aggregates with nothing in flight. */
    List<OutboxRows.Row> sendable(List<OutboxRows.Row> rows) {
        return aggregates.isEmpty()
                ? rows
                : rows.stream()
                        .filter(row -> !aggregates.containsKey(row.message().aggregateId()))
                        .toList();
    }

    void add(SentBatch batch) {
        batches.addLast(batch);
        batch.rows().forEach(row -> aggregates.merge(row.message().aggregateId(), 1, Integer::sum));
    }

    /** Takes the oldest batch out, whatever becomes of it: its aggregates are free to be sent again. */
    SentBatch removeOldest() {
        SentBatch oldest = batches.removeFirst();
        oldest.rows()
                .forEach(row -> aggregates.computeIfPresent(
                        row.message().aggregateId(), (id, count) -> count == 1 ? null : count - 1));
        return oldest;
    }

    /** The ids of every row in flight, which the next read must not return again. */
    Long[] ids() {
        return batches.stream()
                .map(SentBatch::rows)
                .flatMap(Collection::stream)
                .map(OutboxRows.Row::id)
                .toArray(Long[]::new);
    }

    boolean isFull() {
        return batches.size() >= depth;
    }

    boolean isEmpty() {
        return batches.isEmpty();
    }
}
