package io.eventledger.command.eventstore;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code ledger.snapshots}: a stream's state at a version, as JSON its aggregate's code reads back. The
 * store does not read the state: it hands over the newest snapshot of the highest schema version, and the
 * code that wrote it decides whether that is a shape it reads, or folds the stream from its start. A snapshot is written in the same round trip as
 * the batch's events, so it never costs a command a round trip of its own and never outlives a rollback.
 */
public final class Snapshots {

    // the highest schema first: a shape is only ever replaced by a newer one, so that is the one the code reads
    private static final String LATEST_OF = "SELECT DISTINCT ON (stream_id) stream_id, version, schema_version,"
            + " state::text FROM ledger.snapshots WHERE stream_id = ANY(?)"
            + " ORDER BY stream_id, schema_version DESC, version DESC";
    private static final String SAVE = "INSERT INTO ledger.snapshots (stream_id, version, schema_version, state)"
            + " VALUES %s ON CONFLICT DO NOTHING";
    private static final String ROW = "(?, ?, ?, ?::jsonb)";

    /** One stored snapshot. */
    public record Snapshot(UUID streamId, int version, int schemaVersion, String state) {}

    private Snapshots() {}

    /** The newest snapshot of each stream, as part of a round trip; streams without one are absent. */
    public static RoundTrip.Part latestOf(Collection<UUID> streamIds, Map<UUID, Snapshot> found) {
        return RoundTrip.Part.query(
                LATEST_OF,
                (ps, offset) -> {
                    ps.setArray(offset + 1, ps.getConnection().createArrayOf("uuid", streamIds.toArray()));
                    return offset + 1;
                },
                rs -> {
                    while (rs.next()) {
                        UUID id = rs.getObject(1, UUID.class);
                        found.put(id, new Snapshot(id, rs.getInt(2), rs.getInt(3), rs.getString(4)));
                    }
                });
    }

    /** Adds the inserts of {@code snapshots} to a round trip; one already stored at a version is kept. */
    public static void save(RoundTrip trip, List<Snapshot> snapshots) {
        if (snapshots.isEmpty()) {
            return;
        }
        String sql = SAVE.formatted(String.join(", ", Collections.nCopies(snapshots.size(), ROW)));
        trip.add(RoundTrip.Part.update(sql, (ps, offset) -> {
            int i = offset;
            for (Snapshot s : snapshots) {
                ps.setObject(++i, s.streamId());
                ps.setInt(++i, s.version());
                ps.setInt(++i, s.schemaVersion());
                ps.setString(++i, s.state());
            }
            return i;
        }));
    }
}
