package io.eventledger.command.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventledger.command.eventstore.chain.HashChain;
import io.eventledger.command.outbox.OutboxWriter;
import io.eventledger.command.testing.StoredChain;
import io.eventledger.command.testing.TestLedger;
import io.eventledger.contract.envelope.EventCodec;
import io.eventledger.contract.envelope.EventEnvelope;
import io.eventledger.contract.envelope.EventMetadata;
import io.eventledger.contract.envelope.EventTypes;
import io.eventledger.contract.event.AccountEvent.AccountOpened;
import io.eventledger.contract.event.AccountEvent.MoneyDeposited;
import io.eventledger.contract.event.AccountEvent.MoneyWithdrawn;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventStoreIT {

    private static final String EVENTS = "SELECT count(*) FROM ledger.events WHERE stream_id = ?";
    private static final String OUTBOX = "SELECT count(*) FROM ledger.outbox WHERE aggregateid = ?";
    private static final EventMetadata METADATA =
            new EventMetadata("u1", List.of("operator"), "corr-1", "cmd-1", "cmd-1", "127.0.0.1", "junit");
    // nanoseconds on purpose: the store must cut them to what timestamptz keeps, or hashes would not survive
    private final Clock clock = Clock.fixed(Instant.parse("2025-03-04T05:06:07.123456789Z"), ZoneOffset.UTC);
    private final EventStore store = new EventStore(TestLedger.db(), EventCodec.standard(), new OutboxWriter(), clock);
    private final UUID id = UUID.randomUUID();

    @Test
    void appendsEventsAndOutboxRowsTogetherAndChainsThem() throws Exception {
        List<EventEnvelope> written = openWith100();

        assertThat(TestLedger.count(EVENTS, id)).isEqualTo(2);
        assertThat(TestLedger.count(OUTBOX, id.toString())).isEqualTo(2);
        assertThat(written).extracting(EventEnvelope::version).containsExactly(1, 2);
        assertThat(written.get(0).prevHash()).isEqualTo(HashChain.genesisHex());
        assertThat(written.get(1).prevHash()).isEqualTo(written.get(0).hash());
        assertThat(written.get(1).position()).isGreaterThan(written.get(0).position());
        assertThat(written.get(0).occurredAt()).isEqualTo(Instant.parse("2025-03-04T05:06:07.123456Z"));
    }

    @Test
    void storedRowsLinkAndTheirHashesCanBeRecomputed() throws Exception {
        openWith100();
        store.append(new AppendRequest(
                EventTypes.ACCOUNT,
                id,
                2,
                store.load(id).headHash(),
                List.of(new MoneyWithdrawn(new BigDecimal("40.00"), "EUR", "atm")),
                METADATA));

        List<StoredChain.Link> links = StoredChain.of(id);
        assertThat(links).hasSize(3);
        assertThat(links.get(0).prevHash()).isEqualTo(HashChain.genesis());
        for (int i = 0; i < links.size(); i++) {
            assertThat(HashChain.link(links.get(i).prevHash(), links.get(i).entry()))
                    .isEqualTo(links.get(i).hash());
            if (i > 0) {
                assertThat(links.get(i).prevHash()).isEqualTo(links.get(i - 1).hash());
            }
        }
    }

    @Test
    void loadsInVersionOrderWithTheHead() throws Exception {
        List<EventEnvelope> written = openWith100();

        LoadedStream loaded = store.load(id);

        assertThat(loaded.events())
                .containsExactly(
                        new AccountOpened("alice", "EUR"),
                        new MoneyDeposited(new BigDecimal("100.00"), "EUR", "salary"));
        assertThat(loaded.version()).isEqualTo(2);
        assertThat(loaded.streamType()).isEqualTo("account");
        assertThat(loaded.headHash()).isEqualTo(written.get(1).hash());
        assertThat(store.load(UUID.randomUUID()).isEmpty()).isTrue();
    }

    @Test
    void aLoadAfterAVersionHoldsTheTailAndTheHead() throws Exception {
        List<EventEnvelope> written = openWith100();

        try (Connection c = TestLedger.db().getConnection()) {
            LoadedStream tail = store.load(c, id, 1);
            LoadedStream atHead = store.load(c, id, 2);

            assertThat(tail.stored())
                    .extracting(LoadedStream.StoredEvent::version)
                    .containsExactly(2);
            assertThat(tail.stored().getFirst().eventId())
                    .isEqualTo(written.get(1).eventId());
            assertThat(tail.stored().getFirst().occurredAt())
                    .isEqualTo(written.get(1).occurredAt());
            for (LoadedStream loaded : List.of(tail, atHead)) {
                assertThat(loaded.version()).isEqualTo(2);
                assertThat(loaded.headHash()).isEqualTo(written.get(1).hash());
                assertThat(loaded.streamType()).isEqualTo("account");
            }
            assertThat(atHead.stored()).isEmpty();
        }
    }

    @Test
    void loadsOldSchemaVersionsThroughTheUpcasters() throws Exception {
        openWith100();
        insertRawV1Deposit(3, "{\"amount\": 12.5, \"reference\": \"legacy\"}");

        assertThat(store.load(id).events().getLast())
                .isEqualTo(new MoneyDeposited(new BigDecimal("12.50"), "EUR", "legacy"));
    }

    @Test
    void aStaleAppendFailsAndWritesNothing() throws Exception {
        openWith100();
        AppendRequest stale = new AppendRequest(
                EventTypes.ACCOUNT,
                id,
                1,
                store.load(id).headHash(),
                List.of(
                        new MoneyWithdrawn(new BigDecimal("1.00"), "EUR", "a"),
                        new MoneyWithdrawn(new BigDecimal("2.00"), "EUR", "b")),
                METADATA);

        assertThatThrownBy(() -> store.append(stale)).isInstanceOf(ConcurrencyException.class);
        assertThat(TestLedger.count(EVENTS, id)).isEqualTo(2);
        assertThat(TestLedger.count(OUTBOX, id.toString())).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "UPDATE ledger.events SET event_type = 'X'",
                "DELETE FROM ledger.events",
                "TRUNCATE ledger.events"
            })
    void historyCannotBeRewritten(String sql) throws Exception {
        openWith100();
        try (Connection c = TestLedger.db().getConnection();
                Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.execute(sql))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("append-only");
        }
        assertThat(TestLedger.count(EVENTS, id)).isEqualTo(2);
    }

    private List<EventEnvelope> openWith100() throws SQLException {
        return store.append(AppendRequest.first(
                EventTypes.ACCOUNT,
                id,
                List.of(
                        new AccountOpened("alice", "EUR"),
                        new MoneyDeposited(new BigDecimal("100.00"), "EUR", "salary")),
                METADATA));
    }

    private void insertRawV1Deposit(int version, String data) throws SQLException {
        String sql = "INSERT INTO ledger.events (event_id, stream_type, stream_id, version, event_type, schema_version,"
                + " data, metadata, occurred_at, prev_hash, hash) VALUES (?, 'account', ?, ?, 'MoneyDeposited', 1,"
                + " ?::jsonb, '{}'::jsonb, now(), ?, ?)";
        try (Connection c = TestLedger.db().getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, UUID.randomUUID());
            ps.setObject(2, id);
            ps.setInt(3, version);
            ps.setString(4, data);
            ps.setBytes(5, new byte[32]);
            ps.setBytes(6, new byte[32]);
            ps.executeUpdate();
        }
    }
}
