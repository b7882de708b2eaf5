package io.eventledger.command.testing;

import io.eventledger.command.eventstore.EventStore;
import io.eventledger.command.execution.CommandExecutor;
import io.eventledger.command.execution.CommandMetrics;
import io.eventledger.command.handling.AccountCommands;
import io.eventledger.command.handling.AccountSnapshots;
import io.eventledger.command.handling.StreamFacts;
import io.eventledger.command.handling.TransferCommands;
import io.eventledger.command.idempotency.IdempotencyKeys;
import io.eventledger.command.outbox.OutboxWriter;
import io.eventledger.contract.envelope.EventCodec;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import javax.sql.DataSource;

/** The write side below HTTP, wired as CommandServiceMain wires it, for tests. Close it after the test. */
public record WriteSide(
        EventStore store, CommandExecutor executor, AccountCommands accounts, TransferCommands transfers)
        implements AutoCloseable {

    public static final BigDecimal THRESHOLD = new BigDecimal("10000.00");

    /** With the documented defaults: a snapshot every 100 events, approval from 10000.00, one lane. */
    public static WriteSide on(DataSource db) {
        return on(db, 100);
    }

    /** With snapshots every {@code snapshotEvery} events. */
    public static WriteSide on(DataSource db, int snapshotEvery) {
        return wired(db, new SimpleMeterRegistry(), snapshotEvery, 1, 64);
    }

    /** With {@code lanes} lanes and batches of at most {@code maxBatch}; meters go to {@code registry}. */
    public static WriteSide grouped(DataSource db, MeterRegistry registry, int lanes, int maxBatch) {
        return wired(db, registry, 100, lanes, maxBatch);
    }

    private static WriteSide wired(DataSource db, MeterRegistry registry, int snapshotEvery, int lanes, int maxBatch) {
        EventStore store = new EventStore(db, EventCodec.standard(), new OutboxWriter(), Clock.systemUTC());
        CommandExecutor executor =
                CommandExecutor.start(db, store, new IdempotencyKeys(), new CommandMetrics(registry), lanes, maxBatch);
        AccountSnapshots snapshots = new AccountSnapshots(snapshotEvery);
        StreamFacts facts = new StreamFacts(store);
        return new WriteSide(
                store,
                executor,
                new AccountCommands(executor, snapshots, facts),
                new TransferCommands(executor, snapshots, facts, THRESHOLD));
    }

    @Override
    public void close() throws InterruptedException {
        executor.close();
    }
}
