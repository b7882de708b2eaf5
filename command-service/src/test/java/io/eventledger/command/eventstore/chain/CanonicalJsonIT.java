package io.eventledger.command.eventstore.chain;

import static io.eventledger.command.testing.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import io.eventledger.command.testing.ApiClient;
import io.eventledger.command.testing.TestLedger;
import io.eventledger.command.upcast.SqlEvents;
import io.eventledger.contract.envelope.EventTypes;
import io.eventledger.contract.envelope.Json;
import io.eventledger.platform.auth.Role;
import io.eventledger.platform.auth.TokenStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link CanonicalJson} is Jackson's sorted output ({@link JsonNodeFeature#WRITE_PROPERTIES_SORTED}); it
 * replaced a hand-written sorted tree walk, kept here as {@link SortedTreeWalk}, and must stay byte for byte
 * what that walk wrote, or stored chains stop verifying. Every event type is written through the real
 * service (unicode and escapes in owners, references, reasons, users and the User-Agent; the largest and
 * smallest amounts of EUR, JPY and BHD; legacy rows with JSON numbers), then every row of
 * {@code ledger.events} is read back as an auditor reads it (jsonb text, parsed): both encoders must give
 * the same bytes for the hashed document, and the hash recomputed with the walk's bytes must be the stored
 * one (written with {@link CanonicalJson}). Rows the other ITs of the run wrote are compared too; some of
 * those are broken on purpose (tampered, or inserted with a zero hash), so for them the two recomputed
 * hashes only have to agree. Edge-case documents (nesting, key order, numbers, escapes) are compared as
 * written and after a jsonb round trip on the real Postgres.
 */
class CanonicalJsonIT {

    private static final String ROWS = "SELECT event_id, stream_type, stream_id, version, event_type, schema_version,"
            + " data::text, metadata::text, occurred_at, prev_hash, hash FROM ledger.events ORDER BY position";
    private static final String OPERATOR = "Ωmar \"öp\" \\ 😀\u2028</script>\t/";
    private static final String APPROVER = "Añna \u0007 ✓ 𝄞";
    private static final String AGENT = "Mozilla/5.0 (Ünïcødé; \"quoted\" \\ back; ©)";

    private static ApiClient api;
    private static String operator;
    private static String approver;
    /** The streams this test wrote: each of their rows must verify. */
    private static final Set<UUID> written = new HashSet<>();

    @BeforeAll
    static void writeEveryEventType() throws Exception {
        api = new ApiClient(TestLedger.service().port());
        TokenStore tokens = new TokenStore(TestLedger.db());
        operator = tokens.create(OPERATOR, Set.of(Role.OPERATOR, Role.READER, Role.AUDITOR));
        approver = tokens.create(APPROVER, Set.of(Role.APPROVER));

        String a = open("Zoë \"Z\" \\ O'Brien 😀 \u0001\u001f\u2028\u00a0中文 /slash", "EUR");
        command(
                "/accounts/" + a + "/deposits",
                "{\"amount\":\"999999999999999.99\",\"reference\":"
                        + "\"salary \\\"Q1\\\" \\\\ é 😀 \\ud83d\\ude00 \\u0002x\"}");
        command("/accounts/" + a + "/withdrawals", "{\"amount\":\"0.01\",\"reference\":\"atm\\n\\r\\t\\b\\f\"}");
        command("/accounts/" + a + "/fees", "{\"amount\":\"0.01\",\"reason\":\"fee \\u0001 \\u007f \\u2029\"}");
        command("/accounts/" + a + "/refunds", "{\"amount\":\"1.00\",\"reason\":\"refund ↩ 𝄞 <>&'\"}");
        String b = open("b", "EUR");
        command("/accounts/" + b + "/deposits", "{\"amount\":\"0.01\",\"reference\":\"b\"}");

        transfer(a, b, "40.00", "EXECUTED");
        String approved = transfer(a, b, "15000.00", "AWAITING_APPROVAL");
        assertThat(json(post("/transfers/" + approved + "/approve", approver, "{}"))
                        .get("status")
                        .asText())
                .isEqualTo("EXECUTED");
        String rejected = transfer(a, b, "12000.00", "AWAITING_APPROVAL");
        assertThat(json(post(
                                "/transfers/" + rejected + "/reject",
                                approver,
                                "{\"reason\":\"nein — \\\"no\\\" \\\\ 🙅\"}"))
                        .get("status")
                        .asText())
                .isEqualTo("REJECTED");
        String poor = open("poor", "EUR");
        command("/accounts/" + poor + "/deposits", "{\"amount\":\"1.00\",\"reference\":\"r\"}");
        transfer(poor, a, "10.00", "FAILED");

        String closing = open("closing", "EUR");
        command("/accounts/" + closing + "/deposits", "{\"amount\":\"5.00\",\"reference\":\"r\"}");
        command("/accounts/" + closing + "/withdrawals", "{\"amount\":\"5.00\",\"reference\":\"r\"}");
        command("/accounts/" + closing + "/close", "{\"reason\":\"closed ✗ \\\"bye\\\"\"}");

        String yen = open("yen", "JPY");
        command("/accounts/" + yen + "/deposits", "{\"amount\":\"1\",\"reference\":\"r\"}");
        command("/accounts/" + yen + "/deposits", "{\"amount\":\"999999999999999\",\"reference\":\"r\"}");
        String dinar = open("dinar", "BHD");
        command("/accounts/" + dinar + "/deposits", "{\"amount\":\"0.001\",\"reference\":\"r\"}");
        command("/accounts/" + dinar + "/fees", "{\"amount\":\"0.001\",\"reason\":\"r\"}");

        // rows as an older release wrote them: schema version 1, the amount a JSON number
        String legacy = open("legacy", "EUR");
        try (Connection c = TestLedger.db().getConnection()) {
            for (String data : List.of(
                    "{\"amount\": 12.5, \"reference\": \"legacy \\u00e9\"}",
                    "{\"amount\": 100, \"reference\": \"whole\"}",
                    "{\"amount\": 0.5E1, \"reference\": \"exponent\"}",
                    "{\"amount\": 0.010, \"reference\": \"trailing zero\"}")) {
                SqlEvents.append(c, UUID.fromString(legacy), "MoneyDeposited", 1, data);
            }
        }
    }

    @Test
    void everyStoredRowHasTheSameBytesAndHashWithBothEncoders() throws Exception {
        int rows = 0;
        int verified = 0;
        int ours = 0;
        Set<String> ourTypes = new TreeSet<>();
        try (Connection c = TestLedger.db().getConnection();
                PreparedStatement ps = c.prepareStatement(ROWS);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ChainEntry entry = new ChainEntry(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getObject(3, UUID.class),
                        rs.getInt(4),
                        rs.getString(5),
                        rs.getInt(6),
                        Json.mapper().readTree(rs.getString(7)),
                        Json.mapper().readTree(rs.getString(8)),
                        rs.getObject(9, OffsetDateTime.class).toInstant());
                byte[] prevHash = rs.getBytes(10);
                byte[] stored = rs.getBytes(11);
                byte[] walked = SortedTreeWalk.bytes(entry.document());
                byte[] jackson = CanonicalJson.bytes(entry.document());

                assertThat(jackson)
                        .as("row %s v%d: %s", entry.streamId(), entry.version(), text(walked))
                        .isEqualTo(walked);
                boolean storedMatchesWalk = MessageDigest.isEqual(sha256(prevHash, walked), stored);
                assertThat(MessageDigest.isEqual(sha256(prevHash, jackson), stored))
                        .as("row %s v%d", entry.streamId(), entry.version())
                        .isEqualTo(storedMatchesWalk);
                rows++;
                verified += storedMatchesWalk ? 1 : 0;
                if (written.contains(entry.streamId())) {
                    assertThat(storedMatchesWalk)
                            .as("this test's row %s v%d", entry.streamId(), entry.version())
                            .isTrue();
                    ours++;
                    ourTypes.add(entry.eventType());
                }
            }
        }
        System.out.printf(
                "CanonicalJsonIT: %d stored rows compared (%d written by this test), %d of them verify"
                        + " against their stored hash%n",
                rows, ours, verified);
        assertThat(ourTypes)
                .containsExactlyInAnyOrderElementsOf(EventTypes.all().stream()
                        .map(EventTypes.EventType::name)
                        .toList());
    }

    @Test
    void edgeCaseDocumentsGiveTheSameBytesBeforeAndAfterAJsonbRoundTrip() throws Exception {
        List<String> documents = new ArrayList<>(List.of(
                "{\"b\":1,\"a\":{\"z\":[{\"y\":\"2\",\"x\":null}],\"m\":true},\"A\":\"upper sorts first\"}",
                "{\"\":0,\" \":1,\"_\":2,\"a\":3,\"A\":4,\"é\":5,\"e\\u0301\":6,\"😀\":7,\"\\ufb01\":8,\"ÿ\":9,"
                        + "\"10\":10,\"9\":11,\"a\\\"b\":12,\"a\\\\b\":13,\"\\u2028\":14,\"Z\":15,\"z\":16}",
                "{\"numbers\":[0,-0,1,-1,0.1,1.0,1.50,1e2,1E+2,1e-7,-1.5e-10,123456789012345678901234567890,"
                        + "9223372036854775807,9223372036854775808,-9223372036854775809,2147483648,"
                        + "1.7976931348623157e308,4.9e-324,1e400,0.000000000000000000000000000001,"
                        + "3.141592653589793238462643383279502884197]}",
                "{\"strings\":[\"\",\"\\\"\",\"\\\\\",\"/\",\"\\/\",\"\\b\\f\\n\\r\\t\",\"\\u0001\\u001f\\u007f\","
                        + "\"\\u2028\\u2029\",\"😀\",\"\\ud83d\\ude00\",\"</script>\",\"\\u00a0\",\"中文\",\"𝄞\"]}",
                "{\"empty\":{},\"none\":[],\"nested\":[[],[[]],[{}],[null],[true,false],"
                        + "{\"b\":[{\"d\":1,\"c\":2}],\"a\":{}}]}",
                "{\"metadata\":{\"userId\":\"u\",\"roles\":[\"reader\",\"admin\"],"
                        + "\"extra\":{\"z\":{\"y\":{\"x\":[1,{\"b\":2,\"a\":1}]}},\"a\":null}},"
                        + "\"data\":{\"amount\":\"12.50\",\"currency\":\"EUR\"}}",
                "{\"long\":\"" + "x\\\"é😀".repeat(2_000) + "\"}",
                deep(60)));
        int compared = 0;
        try (Connection c = TestLedger.db().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT ?::jsonb::text")) {
            for (String document : documents) {
                ps.setString(1, document);
                String roundTripped;
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    roundTripped = rs.getString(1);
                }
                for (String text : List.of(document, roundTripped)) {
                    JsonNode tree = Json.mapper().readTree(text);
                    assertSame(tree);
                    // the same tree inside a chain entry, as data and as metadata
                    assertSame(new ChainEntry(
                                    UUID.randomUUID(),
                                    "account",
                                    UUID.randomUUID(),
                                    7,
                                    "MoneyDeposited",
                                    2,
                                    tree,
                                    tree,
                                    Instant.parse("2025-03-04T05:06:07.123456Z"))
                            .document());
                    compared += 2;
                }
            }
        }
        // NUL cannot be stored in jsonb, but the encoders still see it in a parsed tree
        assertSame(Json.mapper().readTree("{\"nul\\u0000key\":\"nul\\u0000value\",\"nul\":1}"));
        assertThat(compared).isEqualTo(4 * documents.size());
    }

    private static void assertSame(JsonNode node) {
        byte[] walked = SortedTreeWalk.bytes(node);
        assertThat(CanonicalJson.bytes(node)).as(text(walked)).isEqualTo(walked);
    }

    private static String deep(int depth) {
        return "{\"z\":1,\"k\":[".repeat(depth) + "{\"b\":true,\"a\":false}" + "]}".repeat(depth);
    }

    private static String open(String owner, String currency) throws Exception {
        HttpResponse<String> opened = post(
                "/accounts",
                operator,
                Json.mapper().writeValueAsString(Map.of("ownerId", owner, "currency", currency)));
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        String id = json(opened).get("accountId").asText();
        written.add(UUID.fromString(id));
        return id;
    }

    private static void command(String path, String body) throws Exception {
        HttpResponse<String> response = post(path, operator, body);
        assertThat(response.statusCode())
                .as(path + " " + body + " -> " + response.body())
                .isEqualTo(200);
    }

    private static String transfer(String from, String to, String amount, String status) throws Exception {
        HttpResponse<String> response = post(
                "/transfers",
                operator,
                "{\"fromAccountId\":\"" + from + "\",\"toAccountId\":\"" + to + "\",\"amount\":\"" + amount
                        + "\",\"currency\":\"EUR\"}");
        assertThat(json(response).get("status").asText()).as(response.body()).isEqualTo(status);
        String id = json(response).get("transferId").asText();
        written.add(UUID.fromString(id));
        return id;
    }

    private static HttpResponse<String> post(String path, String token, String body) throws Exception {
        return api.send(api.postRequest(path, token, body).header("User-Agent", AGENT));
    }

    private static byte[] sha256(byte[] prevHash, byte[] canonical) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(prevHash);
        sha.update(canonical);
        return sha.digest();
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The canonical JSON writer the chain was hashed with before Jackson's sorted output replaced it. */
    private static final class SortedTreeWalk {

        private static final ObjectMapper MAPPER = Json.mapper();

        static byte[] bytes(JsonNode node) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (JsonGenerator generator = MAPPER.createGenerator(out)) {
                write(generator, node);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write canonical JSON", e);
            }
            return out.toByteArray();
        }

        private static void write(JsonGenerator generator, JsonNode node) throws IOException {
            if (node.isObject()) {
                generator.writeStartObject();
                List<String> names = new ArrayList<>();
                node.fieldNames().forEachRemaining(names::add);
                names.sort(null);
                for (String name : names) {
                    generator.writeFieldName(name);
                    write(generator, node.get(name));
                }
                generator.writeEndObject();
            } else if (node.isArray()) {
                generator.writeStartArray();
                for (JsonNode element : node) {
                    write(generator, element);
                }
                generator.writeEndArray();
            } else {
                MAPPER.writeTree(generator, node);
            }
        }
    }
}
