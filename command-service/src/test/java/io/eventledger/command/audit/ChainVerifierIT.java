package io.eventledger.command.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import io.eventledger.command.CommandServiceMain;
import io.eventledger.command.eventstore.AppendRequest;
import io.eventledger.command.eventstore.EventStore;
import io.eventledger.command.eventstore.LedgerSchema;
import io.eventledger.command.eventstore.chain.ChainEntry;
import io.eventledger.command.eventstore.chain.HashChain;
import io.eventledger.command.outbox.OutboxWriter;
import io.eventledger.command.testing.Tamper;
import io.eventledger.command.testing.TestLedger;
import io.eventledger.contract.envelope.EventCodec;
import io.eventledger.contract.envelope.EventEnvelope;
import io.eventledger.contract.envelope.EventMetadata;
import io.eventledger.contract.envelope.EventTypes;
import io.eventledger.contract.envelope.Json;
import io.eventledger.contract.event.AccountEvent.AccountOpened;
import io.eventledger.contract.event.AccountEvent.MoneyDeposited;
import io.eventledger.contract.event.AccountEvent.MoneyWithdrawn;
import io.eventledger.platform.config.Connections;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The verifier over a whole store, on a database of its own per test: the shared one holds other tests'
 * deliberately broken rows, and here the exact counts and the first broken link must be known.
 */
class ChainVerifierIT {

    private static final EventMetadata WHO = new EventMetadata("olga", List.of("operator"), "c", "c", "c", "ip", "ua");
    // fixed ids so the store's (stream_id, version) order is known: A sorts before B before C
    private static final UUID A = new UUID(0, 0xA);
    private static final UUID B = new UUID(0, 0xB);
    private static final UUID C = new UUID(0, 0xC);
    private final String dbName = "chain_" + UUID.randomUUID().toString().replace("-", "");
    private HikariDataSource db;
    private EventEnvelope depositToB;

    @BeforeEach
    void freshStoreWithThreeStreams() throws SQLException {
        admin("CREATE DATABASE " + dbName);
        String url = TestLedger.servers().env().get("LEDGER_DB_URL").replaceAll("/[^/]+$", "/" + dbName);
        db = CommandServiceMain.dataSource(
                Connections.fromEnv(TestLedger.servers().env(Map.of("LEDGER_DB_URL", url))), 2);
        LedgerSchema.migrate(db);
        EventStore store = new EventStore(db, EventCodec.standard(), new OutboxWriter(), Clock.systemUTC());
        store.append(AppendRequest.first(
                EventTypes.ACCOUNT,
                A,
                List.of(
                        new AccountOpened("a", "EUR"),
                        deposit("500.00"),
                        new MoneyWithdrawn(new BigDecimal("20.00"), "EUR", "atm")),
                WHO));
        store.append(AppendRequest.first(EventTypes.ACCOUNT, B, List.of(new AccountOpened("b", "EUR")), WHO));
        depositToB = store.append(new AppendRequest(
                        EventTypes.ACCOUNT, B, 1, store.load(B).headHash(), List.of(deposit("7.00")), WHO))
                .getFirst();
        store.append(AppendRequest.first(EventTypes.ACCOUNT, C, List.of(new AccountOpened("c", "EUR")), WHO));
    }

    @AfterEach
    void dropIt() throws SQLException {
        db.close();
        admin("DROP DATABASE IF EXISTS " + dbName + " WITH (FORCE)");
    }

    @Test
    void aCleanStoreVerifiesWithWhateverBatchSize() throws Exception {
        for (int batch : new int[] {1, 2, 5, ChainVerifier.DEFAULT_BATCH}) {
            ChainVerifier verifier = new ChainVerifier(db, batch);
            assertThat(verifier.verifyAll()).as("batch %d", batch).isEqualTo(new ChainReport(3, 6, true, 0, null));
            assertThat(verifier.verifyStream(A)).as("batch %d", batch).contains(new ChainReport(1, 3, true, 0, null));
        }
        assertThat(new ChainVerifier(db, 2).verifyStream(UUID.randomUUID())).isEmpty();
    }

    @Test
    void namesTheFirstBrokenLinkOfTheStoreAndOfEachStream() throws Exception {
        Tamper.rewrite(db, "DELETE FROM ledger.events WHERE stream_id = ? AND version = 2", A);
        Tamper.rewrite(
                db,
                "UPDATE ledger.events SET data = jsonb_set(data, '{amount}', '\"70.00\"')"
                        + " WHERE stream_id = ? AND version = 2",
                B);
        byte[] notGenesis = new byte[32];
        notGenesis[31] = 1;
        Tamper.rewrite(db, "UPDATE ledger.events SET prev_hash = ? WHERE stream_id = ?", notGenesis, C);

        ChainReport all = new ChainVerifier(db, 2).verifyAll();

        assertThat(all).isEqualTo(new ChainVerifier(db, 1).verifyAll());
        assertThat(all.ok()).isFalse();
        assertThat(all.verifiedStreams()).isEqualTo(3);
        assertThat(all.verifiedEvents()).isEqualTo(5);
        assertThat(all.brokenLinks()).isEqualTo(3);
        assertThat(all.firstBrokenLink().streamId()).isEqualTo(A);
        assertThat(all.firstBrokenLink().version()).isEqualTo(3);
        assertThat(all.firstBrokenLink().reason())
                .isEqualTo("version 2 is missing: version 1 is followed by version 3");

        assertThat(new ChainVerifier(db, 2).verifyStream(B).orElseThrow().firstBrokenLink())
                .isEqualTo(new ChainReport.BrokenLink(
                        B,
                        2,
                        hashWithAmount(depositToB, "70.00"),
                        depositToB.hash(),
                        "the stored hash does not match the event's content"));
        assertThat(new ChainVerifier(db, 2)
                        .verifyStream(C)
                        .orElseThrow()
                        .firstBrokenLink()
                        .reason())
                .isEqualTo("prev_hash of version 1 is not the genesis hash (32 zero bytes)");
    }

    /** The hash the event would have with another amount: what the verifier must expect after the edit. */
    private static String hashWithAmount(EventEnvelope e, String amount) {
        ObjectNode data = e.data().deepCopy();
        ChainEntry edited = new ChainEntry(
                e.eventId(),
                e.aggregateType(),
                e.aggregateId(),
                e.version(),
                e.eventType(),
                e.schemaVersion(),
                data.put("amount", amount),
                Json.mapper().valueToTree(e.metadata()),
                e.occurredAt());
        return HashChain.hex(HashChain.link(HashChain.fromHex(e.prevHash()), edited));
    }

    private static MoneyDeposited deposit(String amount) {
        return new MoneyDeposited(new BigDecimal(amount), "EUR", "r");
    }

    private static void admin(String sql) throws SQLException {
        try (Connection c = TestLedger.servers().openDb();
                Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
