package io.eventledger.command.testing;

import static io.eventledger.command.testing.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventledger.platform.auth.Role;
import io.eventledger.platform.auth.TokenStore;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;

/** The shared service as the audit tests call it: one token per role, and the calls they all repeat. */
public record AuditFixture(ApiClient api, String operator, String auditor, String reader, String admin) {

    private static AuditFixture instance;

    public static synchronized AuditFixture get() throws SQLException {
        if (instance == null) {
            TokenStore tokens = new TokenStore(TestLedger.db());
            instance = new AuditFixture(
                    new ApiClient(TestLedger.service().port()),
                    tokens.create("olga", Set.of(Role.OPERATOR)),
                    tokens.create("aude", Set.of(Role.AUDITOR)),
                    tokens.create("rita", Set.of(Role.READER)),
                    tokens.create("ada", Set.of(Role.ADMIN)));
        }
        return instance;
    }

    /** An account command by the operator, with a correlation id to find it by; it must succeed. */
    public void command(String accountId, String route, String body, String correlationId) throws Exception {
        HttpResponse<String> response = api.send(api.postRequest("/accounts/" + accountId + "/" + route, operator, body)
                .header("X-Correlation-Id", correlationId));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /** The occurredAt of each event of the account, in version order, as the history reports them. */
    public List<String> occurredAts(String accountId) throws Exception {
        JsonNode events =
                json(api.get("/accounts/" + accountId + "/events", auditor)).get("events");
        return StreamSupport.stream(events.spliterator(), false)
                .map(e -> e.get("occurredAt").textValue())
                .toList();
    }

    /** A 400 problem that names the offending parameter. */
    public static void assertBad(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(json(response).get("field").textValue()).isEqualTo(field);
    }
}
