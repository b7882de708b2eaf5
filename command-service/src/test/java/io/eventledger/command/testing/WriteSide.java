package io.eventledger.command.testing;

import io.eventledger.command.outbox.OutboxWriter;
import io.eventledger.command.store.AccountCommands;
import io.eventledger.command.store.AccountLoader;
import io.eventledger.command.store.CommandMetrics;
import io.eventledger.command.store.CommandRunner;
import io.eventledger.command.store.EventStore;
import io.eventledger.command.store.GroupCommit;
import io.eventledger.command.store.IdempotencyKeys;
import io.eventledger.command.store.Snapshots;
import io.eventledger.command.store.TransferCommands;
import io.eventledger.contract.envelope.EventCodec;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Optional;
import javax.sql.DataSource;

/** The store-level collaborators of the write side, wired as CommandServiceMain wires them, for tests below HTTP. */
public record WriteSide(EventStore store, CommandRunner runner, Snapshots snapshots, AccountLoader loader,
                        AccountCommands accounts, TransferCommands transfers, Optional<GroupCommit> groupCommit)
        implements AutoCloseable {

    public static final BigDecimal THRESHOLD = new BigDecimal("10000.00");

    /** With the documented defaults: a snapshot every 100 events, approval from 10000.00. */
    public static WriteSide on(DataSource db) {
        return on(db, new Snapshots(db, 100));
    }

    /** With the given snapshots, e.g. a shorter interval or a pool that cannot write them. */
    public static WriteSide on(DataSource db, Snapshots snapshots) {
        EventStore store = new EventStore(db, EventCodec.standard(), new OutboxWriter(), Clock.systemUTC());
        CommandRunner runner = new CommandRunner(db, store, new IdempotencyKeys(),
                new CommandMetrics(new SimpleMeterRegistry()));
        return wired(store, runner, snapshots, Optional.empty());
    }

    /** With group commit in {@code lanes} lanes; its meters go to {@code registry}. Close it after the test. */
    public static WriteSide grouped(DataSource db, MeterRegistry registry, int lanes, int maxBatch) {
        EventStore store = new EventStore(db, EventCodec.standard(), new OutboxWriter(), Clock.systemUTC());
        Snapshots snapshots = new Snapshots(db, 100);
        CommandMetrics metrics = new CommandMetrics(registry);
        Optional<GroupCommit> group = Optional.of(GroupCommit.start(db, store, new IdempotencyKeys(), snapshots,
                metrics, lanes, maxBatch));
        return wired(store, new CommandRunner(db, store, new IdempotencyKeys(), metrics, group), snapshots, group);
    }

    private static WriteSide wired(EventStore store, CommandRunner runner, Snapshots snapshots,
                                   Optional<GroupCommit> group) {
        AccountLoader loader = new AccountLoader(snapshots);
        return new WriteSide(store, runner, snapshots, loader, new AccountCommands(runner, loader, snapshots),
                new TransferCommands(runner, loader, snapshots, THRESHOLD), group);
    }

    @Override
    public void close() throws InterruptedException {
        if (groupCommit.isPresent()) {
            groupCommit.get().close();
        }
    }
}
