package io.eventledger.command.handling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventledger.command.account.Account;
import io.eventledger.command.account.AccountCommand;
import io.eventledger.command.account.AccountState;
import io.eventledger.command.account.DomainException;
import io.eventledger.command.eventstore.Snapshots.Snapshot;
import io.eventledger.command.eventstore.chain.HashChain;
import io.eventledger.command.execution.CommandRequest;
import io.eventledger.command.handling.AccountLoader.LoadedAccount;
import io.eventledger.command.testing.BulkEvents;
import io.eventledger.command.testing.StoredChain;
import io.eventledger.command.testing.TestLedger;
import io.eventledger.command.testing.WriteSide;
import io.eventledger.contract.envelope.EventMetadata;
import io.eventledger.contract.event.AccountEvent;
import io.eventledger.contract.money.Money;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Snapshots are a shortcut only: loading from one plus the tail gives exactly what folding every event gives. */
class SnapshotIT {

    private static final Currency EUR = Currency.getInstance("EUR");
    private static final EventMetadata METADATA =
            new EventMetadata("sam", List.of("operator"), "c", "c", "c", null, null);
    private static final String SNAPSHOTS = "SELECT count(*) FROM ledger.snapshots WHERE stream_id = ?";
    private final WriteSide writeSide = WriteSide.on(TestLedger.db());
    private final UUID id = UUID.randomUUID();

    @Test
    void aTenThousandEventAccountLoadsFromItsSnapshotToTheSameStateAsAFullFold() throws Exception {
        appendInBulk(9_990);
        for (int i = 0; i < 15; i++) {
            writeSide
                    .accounts()
                    .execute(
                            id,
                            new AccountCommand.DepositMoney(Money.parsePositive("0.01", EUR), "tail"),
                            CommandRequest.of(METADATA));
        }

        LoadedAccount loaded = load();

        assertThat(TestLedger.count(SNAPSHOTS, id))
                .as("written when version 10000 was reached")
                .isEqualTo(1);
        assertThat(loaded.snapshotVersion()).isEqualTo(10_000);
        assertThat(loaded.stream().events()).hasSize(5);
        assertThat(loaded.state()).isEqualTo(fullFold());
        assertThat(loaded.state().version()).isEqualTo(10_005);
        assertThat(loaded.stream().headHash())
                .isEqualTo(writeSide.store().load(id).headHash());
        assertValidChain(10_005);
    }

    @Test
    void aSnapshotOfAnOldSchemaIsIgnored() throws Exception {
        appendInBulk(50);
        Snapshot current = AccountSnapshots.of(fullFold());
        insertSnapshot(current.version(), current.schemaVersion(), current.state());
        appendInBulk(20);
        insertSnapshot(60, AccountSnapshots.SCHEMA_VERSION - 1, "{\"balance\": 1000000}");

        LoadedAccount loaded = load();

        assertThat(loaded.snapshotVersion()).isEqualTo(50);
        assertThat(loaded.state()).isEqualTo(fullFold());
    }

    @Test
    void aSnapshotGoesInWithTheCommandThatCrossesTheIntervalAndNotWithARefusedOne() throws Exception {
        try (WriteSide everyTwo = WriteSide.on(TestLedger.db(), 2)) {
            everyTwo.accounts().open(id, new AccountCommand.OpenAccount("sam", EUR), CommandRequest.of(METADATA));
            everyTwo.accounts()
                    .execute(
                            id,
                            new AccountCommand.DepositMoney(Money.parsePositive("2.00", EUR), "r"),
                            CommandRequest.of(METADATA));
            assertThatThrownBy(() -> everyTwo.accounts()
                            .execute(
                                    id,
                                    new AccountCommand.WithdrawMoney(Money.parsePositive("5.00", EUR), "too much"),
                                    CommandRequest.of(METADATA)))
                    .isInstanceOf(DomainException.class);
            everyTwo.accounts()
                    .execute(
                            id,
                            new AccountCommand.DepositMoney(Money.parsePositive("1.00", EUR), "r"),
                            CommandRequest.of(METADATA));

            assertThat(TestLedger.count(SNAPSHOTS, id)).as("at version 2 only").isEqualTo(1);
            assertThat(load().snapshotVersion()).isEqualTo(2);
            assertThat(load().state()).isEqualTo(fullFold());
        }
    }

    @AfterEach
    void close() throws InterruptedException {
        writeSide.close();
    }

    private void appendInBulk(int count) throws SQLException {
        BulkEvents.append(writeSide, id, count, METADATA);
    }

    private LoadedAccount load() throws SQLException {
        return writeSide.executor().read(session -> AccountLoader.load(session, id));
    }

    private AccountState fullFold() throws SQLException {
        AccountState state = AccountState.initial(id);
        for (var event : writeSide.store().load(id).events()) {
            state = Account.evolve(state, (AccountEvent) event);
        }
        return state;
    }

    private void insertSnapshot(int version, int schemaVersion, String state) throws SQLException {
        try (Connection c = TestLedger.db().getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO ledger.snapshots (stream_id, version, schema_version, state) VALUES (?, ?, ?, ?::jsonb)")) {
            ps.setObject(1, id);
            ps.setInt(2, version);
            ps.setInt(3, schemaVersion);
            ps.setString(4, state);
            ps.executeUpdate();
        }
    }

    private void assertValidChain(int length) throws Exception {
        List<StoredChain.Link> links = StoredChain.of(id);
        assertThat(links).hasSize(length);
        byte[] previous = HashChain.genesis();
        for (StoredChain.Link link : links) {
            assertThat(link.prevHash()).isEqualTo(previous);
            assertThat(HashChain.link(link.prevHash(), link.entry())).isEqualTo(link.hash());
            previous = link.hash();
        }
    }
}
