package io.eventledger.command.testing;

import io.eventledger.command.eventstore.AppendRequest;
import io.eventledger.command.eventstore.LoadedStream;
import io.eventledger.contract.envelope.EventEnvelope;
import io.eventledger.contract.envelope.EventMetadata;
import io.eventledger.contract.envelope.EventTypes;
import io.eventledger.contract.event.AccountEvent;
import io.eventledger.contract.event.AccountEvent.AccountOpened;
import io.eventledger.contract.event.AccountEvent.FeeCharged;
import io.eventledger.contract.event.AccountEvent.MoneyDeposited;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A long account stream written straight through the real event store, in batches (one INSERT has at
 * most 32767 parameters), as one valid hash chain: opened, then deposits of 1.00 with a 0.25 fee every
 * 7th version. For tests and benchmarks that need thousands of genuine events without thousands of commands.
 */
public final class BulkEvents {

    private static final int BATCH = 1_000;

    private BulkEvents() {}

    /** Appends {@code count} events after the stream's head; the outbox rows are removed (not for Kafka). */
    public static void append(WriteSide writeSide, UUID id, int count, EventMetadata metadata) throws SQLException {
        LoadedStream head = writeSide.store().load(id);
        int version = head.version();
        String hash = head.headHash();
        int left = count;
        while (left > 0) {
            List<AccountEvent> batch = new ArrayList<>();
            for (int i = 0; i < Math.min(left, BATCH); i++) {
                batch.add(event(version + i + 1));
            }
            List<EventEnvelope> written =
                    writeSide.store().append(new AppendRequest(EventTypes.ACCOUNT, id, version, hash, batch, metadata));
            version = written.getLast().version();
            hash = written.getLast().hash();
            left -= batch.size();
        }
        // these rows are not for Kafka: the service under test runs without a relay, and the relay tests own it
        TestLedger.count(
                "WITH gone AS (DELETE FROM ledger.outbox WHERE aggregateid = ? RETURNING 1)"
                        + " SELECT count(*) FROM gone",
                id.toString());
    }

    private static AccountEvent event(int version) {
        if (version == 1) {
            return new AccountOpened("sam", "EUR");
        }
        return version % 7 == 0
                ? new FeeCharged(new BigDecimal("0.25"), "EUR", "fee " + version)
                : new MoneyDeposited(new BigDecimal("1.00"), "EUR", "deposit " + version);
    }
}
