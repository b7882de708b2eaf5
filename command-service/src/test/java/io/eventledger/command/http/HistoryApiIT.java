package io.eventledger.command.http;

import static io.eventledger.command.testing.ApiClient.json;
import static io.eventledger.command.testing.AuditFixture.assertBad;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventledger.command.eventstore.EventStore;
import io.eventledger.command.eventstore.LoadedStream;
import io.eventledger.command.eventstore.chain.ChainEntry;
import io.eventledger.command.eventstore.chain.HashChain;
import io.eventledger.command.outbox.OutboxWriter;
import io.eventledger.command.testing.ApiClient;
import io.eventledger.command.testing.AuditFixture;
import io.eventledger.command.testing.TestLedger;
import io.eventledger.contract.envelope.EventCodec;
import io.eventledger.contract.envelope.EventTypes;
import io.eventledger.contract.envelope.Json;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GET /accounts/{id}/events: paging, filters, what each item carries, old schema versions. */
class HistoryApiIT {

    private static final EventStore STORE =
            new EventStore(TestLedger.db(), EventCodec.standard(), new OutboxWriter(), Clock.systemUTC());
    private static AuditFixture fx;
    private static ApiClient api;
    private static String operator;
    private static String auditor;
    private static String reader;
    private static String admin;

    @BeforeAll
    static void shareTheService() throws Exception {
        fx = AuditFixture.get();
        api = fx.api();
        operator = fx.operator();
        auditor = fx.auditor();
        reader = fx.reader();
        admin = fx.admin();
    }

    @Test
    void pagesThroughTheHistoryByLinkAndFilters() throws Exception {
        String id = api.openWith(operator, "1.00");
        for (int i = 2; i <= 4; i++) {
            fx.command(id, "deposits", "{\"amount\":\"" + i + ".00\",\"reference\":\"r" + i + "\"}", "corr-" + i);
        }
        String events = "/accounts/" + id + "/events";

        HttpResponse<String> first = api.get(events + "?limit=2&types=MoneyDeposited", auditor);
        assertThat(versions(json(first))).containsExactly(2, 3);
        assertThat(json(first).get("nextFromVersion").asInt()).isEqualTo(4);
        String next = first.headers().firstValue("Link").orElseThrow();
        assertThat(next).isEqualTo("<" + events + "?fromVersion=4&limit=2&types=MoneyDeposited>; rel=\"next\"");
        JsonNode last = json(api.get(next.substring(1, next.indexOf('>')), auditor));
        assertThat(versions(last)).containsExactly(4, 5);
        assertThat(last.has("nextFromVersion")).isFalse();
        assertThat(versions(json(api.get(events + "?fromVersion=2&toVersion=3", auditor))))
                .containsExactly(2, 3);
        List<String> times = fx.occurredAts(id);
        assertThat(versions(json(api.get(events + "?from=" + times.get(2) + "&to=" + times.get(4), auditor))))
                .containsExactly(3, 4);
        assertThat(versions(json(api.get(events + "?types=AccountOpened,FeeCharged", admin))))
                .containsExactly(1);
    }

    @Test
    void eachHistoryItemCarriesItsMetadataAndChain() throws Exception {
        String id = api.openWith(operator, "500.00");
        JsonNode items = json(api.get("/accounts/" + id + "/events", auditor)).get("events");

        JsonNode deposit = items.get(1);
        assertThat(deposit.get("eventType").textValue()).isEqualTo("MoneyDeposited");
        assertThat(deposit.get("data").get("amount").textValue()).isEqualTo("500.00");
        assertThat(deposit.get("metadata").get("userId").textValue()).isEqualTo("olga");
        assertThat(deposit.get("prevHash").textValue())
                .isEqualTo(items.get(0).get("hash").textValue());
        assertThat(items.get(0).get("prevHash").textValue()).isEqualTo(HashChain.genesisHex());
        assertThat(deposit.get("position").asLong())
                .isGreaterThan(items.get(0).get("position").asLong());
        assertThat(deposit.fieldNames()).toIterable().contains("eventId", "schemaVersion", "occurredAt", "recordedAt");
    }

    @Test
    void oldSchemaVersionsReadInTheirCurrentShapeAndStillVerify() throws Exception {
        String id = api.openWith(operator, "1.00");
        insertV1Deposit(UUID.fromString(id), "{\"amount\": 12.5, \"reference\": \"legacy\"}");

        JsonNode legacy = json(api.get("/accounts/" + id + "/events?fromVersion=3", auditor))
                .get("events")
                .get(0);

        assertThat(legacy.get("storedSchemaVersion").asInt()).isEqualTo(1);
        assertThat(legacy.get("schemaVersion").asInt()).isEqualTo(2);
        assertThat(legacy.get("data").get("amount").textValue()).isEqualTo("12.50");
        assertThat(legacy.get("data").get("currency").textValue()).isEqualTo("EUR");
        assertThat(json(api.get("/accounts/" + id + "/statement", auditor))
                        .get("closingBalance")
                        .textValue())
                .isEqualTo("13.50");
        assertThat(json(api.get("/audit/verify?streamId=" + id, auditor))
                        .get("ok")
                        .booleanValue())
                .isTrue();
    }

    @Test
    void refusesBadHistoryQueriesAndOtherRoles() throws Exception {
        String id = api.openWith(operator, "1.00");
        String events = "/accounts/" + id + "/events";
        assertBad(api.get(events + "?types=MoneyDeposited,Bogus", auditor), "types");
        assertBad(api.get(events + "?types=TransferInitiated", auditor), "types");
        assertBad(api.get(events + "?limit=1001", auditor), "limit");
        assertBad(api.get(events + "?limit=0", auditor), "limit");
        assertBad(api.get(events + "?fromVersion=3&toVersion=2", auditor), "toVersion");
        assertBad(api.get(events + "?from=2025-13-01T00:00:00Z", auditor), "from");
        assertBad(api.get(events + "?page=2", auditor), "page");
        assertThat(api.get(events, reader).statusCode()).isEqualTo(403);
        assertThat(api.get(events, operator).statusCode()).isEqualTo(403);
        assertThat(api.get("/accounts/" + UUID.randomUUID() + "/events", auditor)
                        .statusCode())
                .isEqualTo(404);
        assertThat(json(api.get(events + "?limit=1000", auditor)).get("events")).hasSize(2);
    }

    private static List<Integer> versions(JsonNode page) {
        return StreamSupport.stream(page.get("events").spliterator(), false)
                .map(e -> e.get("version").asInt())
                .toList();
    }

    /** A v1 deposit as the store once wrote it, chained correctly, so only its shape is old. */
    private static void insertV1Deposit(UUID id, String data) throws Exception {
        LoadedStream head = STORE.load(id);
        ChainEntry entry = new ChainEntry(
                UUID.randomUUID(),
                EventTypes.ACCOUNT,
                id,
                head.version() + 1,
                "MoneyDeposited",
                1,
                Json.mapper().readTree(data),
                Json.mapper().createObjectNode(),
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        String sql = "INSERT INTO ledger.events (event_id, stream_type, stream_id, version, event_type, schema_version,"
                + " data, metadata, occurred_at, prev_hash, hash) VALUES (?, 'account', ?, ?, 'MoneyDeposited', 1,"
                + " ?::jsonb, '{}'::jsonb, ?, ?, ?)";
        try (Connection c = TestLedger.db().getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, entry.eventId());
            ps.setObject(2, id);
            ps.setInt(3, entry.version());
            ps.setString(4, data);
            ps.setObject(5, OffsetDateTime.ofInstant(entry.occurredAt(), ZoneOffset.UTC));
            ps.setBytes(6, HashChain.fromHex(head.headHash()));
            ps.setBytes(7, HashChain.link(HashChain.fromHex(head.headHash()), entry));
            ps.executeUpdate();
        }
    }
}
