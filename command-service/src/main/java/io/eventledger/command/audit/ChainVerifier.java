package io.eventledger.command.audit;

import io.eventledger.command.eventstore.chain.HashChain;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Recomputes the hash chains (docs/architecture.md, "Hash chain") from the stored rows with the store's own {@link HashChain},
 * in version order, and reports the first link that does not hold. It cannot see a stream whose every
 * later hash was rewritten too, nor a cut-off tail; the head hash carried on Kafka and in the read models
 * is what catches those.
 */
public final class ChainVerifier {

    public static final int DEFAULT_BATCH = 1_000;
    private final StoredLinks links;
    private final int batchSize;

    public ChainVerifier(DataSource dataSource, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be 1 or more, got " + batchSize);
        }
        this.links = new StoredLinks(dataSource);
        this.batchSize = batchSize;
    }

    /** Every stream of the store. */
    public ChainReport verifyAll() throws SQLException {
        ChainWalk walk = new ChainWalk();
        List<StoredLinks.Link> batch = links.after(StoredLinks.LOWEST, 0, batchSize);
        while (true) {
            batch.forEach(walk::check);
            if (batch.size() < batchSize) {
                return walk.report();
            }
            StoredLinks.Link last = batch.getLast();
            batch = links.after(last.entry().streamId(), last.entry().version(), batchSize);
        }
    }

    /** One stream; empty if the store holds no event of it. */
    public Optional<ChainReport> verifyStream(UUID streamId) throws SQLException {
        ChainWalk walk = new ChainWalk();
        List<StoredLinks.Link> batch = links.afterInStream(streamId, 0, batchSize);
        while (true) {
            batch.forEach(walk::check);
            if (batch.size() < batchSize) {
                ChainReport report = walk.report();
                return report.verifiedEvents() == 0 ? Optional.empty() : Optional.of(report);
            }
            batch = links.afterInStream(streamId, batch.getLast().entry().version(), batchSize);
        }
    }
}
