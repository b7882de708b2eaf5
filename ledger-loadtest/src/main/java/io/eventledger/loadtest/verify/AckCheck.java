package io.eventledger.loadtest.verify;

import io.eventledger.contract.topic.Topics;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;

/**
 * Checks acknowledged commands against the store and the topics and prints one {@code key=value} line that
 * infra/chaos.sh reads, each problem found (at most a few of each kind) before it. The relay must have
 * drained the outbox first, or events still waiting to be sent count as missing.
 */
public final class AckCheck {

    private static final int EXAMPLES = 5;
    private final StoreCheck store;
    private final TopicCheck topics;

    public AckCheck(DataSource db, String bootstrap, Topics names) {
        this.store = new StoreCheck(db);
        this.topics = new TopicCheck(bootstrap, names);
    }

    /** Returns whether nothing was lost, doubled, misshapen or missing on the topics. */
    public boolean run(List<AckedCommand> acks, Duration topicTimeout, PrintWriter out)
            throws SQLException, TimeoutException {
        Map<String, AckedCommand> acked = new LinkedHashMap<>();
        acks.forEach(a -> acked.putIfAbsent(a.correlationId(), a));
        StoreCheck.Result stored = store.check(acked);
        long doubled = store.doubledAnywhere();
        Set<UUID> inStore = store.allEventIds();
        TopicCheck.Seen seen = topics.read(topicTimeout);
        Set<UUID> ackedIds = new HashSet<>();
        stored.written().values().forEach(events -> events.forEach(e -> ackedIds.add(e.eventId())));
        Set<UUID> ackedMissing = missing(ackedIds, seen.eventIds());
        Set<UUID> storeMissing = missing(inStore, seen.eventIds());

        examples(out, "lost", stored.lost());
        examples(out, "duplicated", stored.duplicated());
        examples(out, "mismatched", stored.mismatched());
        examples(
                out,
                "missing on the topics",
                ackedMissing.stream().map(UUID::toString).toList());
        out.printf(
                "acked=%d acked_events=%d lost=%d duplicated=%d doubled_in_store=%d mismatched=%d store_events=%d"
                        + " topic_records=%d missing_on_topic=%d store_missing_on_topic=%d%n",
                acked.size(),
                ackedIds.size(),
                stored.lost().size(),
                stored.duplicated().size(),
                doubled,
                stored.mismatched().size(),
                inStore.size(),
                seen.records(),
                ackedMissing.size(),
                storeMissing.size());
        return stored.lost().isEmpty()
                && stored.duplicated().isEmpty()
                && doubled == 0
                && stored.mismatched().isEmpty()
                && storeMissing.isEmpty();
    }

    private static Set<UUID> missing(Set<UUID> wanted, Set<UUID> seen) {
        Set<UUID> missing = new HashSet<>(wanted);
        missing.removeAll(seen);
        return missing;
    }

    private static void examples(PrintWriter out, String what, List<String> found) {
        found.stream().limit(EXAMPLES).forEach(f -> out.println(what + ": " + f));
        if (found.size() > EXAMPLES) {
            out.println(what + ": ... and " + (found.size() - EXAMPLES) + " more");
        }
    }
}
