package io.eventledger.command.http;

import static io.eventledger.command.testing.ApiClient.json;
import static io.eventledger.command.testing.AuditFixture.assertBad;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventledger.command.eventstore.chain.HashChain;
import io.eventledger.command.testing.ApiClient;
import io.eventledger.command.testing.AuditFixture;
import io.eventledger.command.testing.StoredChain;
import io.eventledger.command.testing.Tamper;
import io.eventledger.command.testing.TestLedger;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GET /audit/verify on the shared service. The whole-store counts and a clean store are proven on a private
 * database by ChainVerifierIT; that UPDATE, DELETE and TRUNCATE fail while the trigger is on is proven by
 * EventStoreIT.historyCannotBeRewritten.
 */
class AuditIT {

    private static ApiClient api;
    private static String operator;
    private static String auditor;

    @BeforeAll
    static void shareTheService() throws Exception {
        AuditFixture fx = AuditFixture.get();
        api = fx.api();
        operator = fx.operator();
        auditor = fx.auditor();
    }

    @Test
    void aStreamWrittenThroughTheApiVerifies() throws Exception {
        String id = api.openWith(operator, "500.00");
        api.post("/accounts/" + id + "/fees", operator, "{\"amount\":\"12.50\",\"reason\":\"monthly\"}");

        JsonNode report = json(verify("?streamId=" + id, auditor));

        assertThat(report.get("ok").booleanValue()).isTrue();
        assertThat(report.get("verifiedStreams").asLong()).isEqualTo(1);
        assertThat(report.get("verifiedEvents").asLong()).isEqualTo(3);
        assertThat(report.get("brokenLinks").asLong()).isZero();
        assertThat(report.get("firstBrokenLink").isNull()).isTrue();
    }

    @Test
    void namesTheLinkWhoseDataWasEditedBehindTheTriggersBack() throws Exception {
        String id = api.openWith(operator, "500.00");
        UUID stream = UUID.fromString(id);
        String storedHash = HashChain.hex(StoredChain.of(stream).get(1).hash());

        int changed = Tamper.rewrite(
                TestLedger.db(),
                "UPDATE ledger.events SET data = jsonb_set(data, '{amount}',"
                        + " '\"5000.00\"') WHERE stream_id = ? AND version = 2",
                stream);
        StoredChain.Link edited = StoredChain.of(stream).get(1);
        JsonNode broken = json(verify("?streamId=" + id, auditor)).get("firstBrokenLink");

        assertThat(changed).isEqualTo(1);
        assertThat(edited.entry().data().get("amount").textValue()).isEqualTo("5000.00");
        assertThat(broken.get("streamId").textValue()).isEqualTo(id);
        assertThat(broken.get("version").asInt()).isEqualTo(2);
        assertThat(broken.get("foundHash").textValue()).isEqualTo(storedHash);
        assertThat(broken.get("expectedHash").textValue())
                .isEqualTo(HashChain.hex(HashChain.link(edited.prevHash(), edited.entry())))
                .isNotEqualTo(storedHash);
        assertThat(broken.get("reason").textValue()).contains("content");
        JsonNode whole = json(verify("", auditor));
        assertThat(whole.get("ok").booleanValue()).isFalse();
        assertThat(whole.get("verifiedStreams").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(whole.get("brokenLinks").asLong()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void onlyAuditorsVerifyAndBadQueriesAreNamed() throws Exception {
        assertThat(verify("", operator).statusCode()).isEqualTo(403);
        assertThat(verify("", null).statusCode()).isEqualTo(401);
        assertBad(verify("?streamId=not-a-uuid", auditor), "streamId");
        assertBad(verify("?streamid=" + UUID.randomUUID(), auditor), "streamid");
        assertThat(verify("?streamId=" + UUID.randomUUID(), auditor).statusCode())
                .isEqualTo(404);
    }

    private static HttpResponse<String> verify(String query, String token) throws Exception {
        return api.get("/audit/verify" + query, token);
    }
}
