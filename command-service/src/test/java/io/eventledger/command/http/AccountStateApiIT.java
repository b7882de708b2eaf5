package io.eventledger.command.http;

import static io.eventledger.command.testing.ApiClient.json;
import static io.eventledger.command.testing.AuditFixture.assertBad;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventledger.command.testing.ApiClient;
import io.eventledger.command.testing.AuditFixture;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GET /accounts/{id} at a version or as of a time. */
class AccountStateApiIT {

    private static AuditFixture fx;
    private static ApiClient api;
    private static String operator;
    private static String auditor;
    private static String reader;

    @BeforeAll
    static void shareTheService() throws Exception {
        fx = AuditFixture.get();
        api = fx.api();
        operator = fx.operator();
        auditor = fx.auditor();
        reader = fx.reader();
    }

    @Test
    void showsTheStateAtAVersionOrAsOfATime() throws Exception {
        String id = api.openWith(operator, "100.00");
        fx.command(id, "withdrawals", "{\"amount\":\"30.00\",\"reference\":\"atm\"}", "corr-w");
        List<String> times = fx.occurredAts(id);

        HttpResponse<String> atTwo = api.get("/accounts/" + id + "?version=2", reader);
        assertThat(json(atTwo).get("balance").textValue()).isEqualTo("100.00");
        assertThat(json(atTwo).get("version").asInt()).isEqualTo(2);
        assertThat(atTwo.headers().firstValue("ETag"))
                .as("only the current state is a precondition")
                .isEmpty();
        assertThat(json(api.get("/accounts/" + id + "?asOf=" + times.get(1), reader))
                        .get("version")
                        .asInt())
                .isEqualTo(2);
        assertThat(json(api.get("/accounts/" + id + "?asOf=" + times.get(0), reader))
                        .get("balance")
                        .textValue())
                .isEqualTo("0.00");
        assertThat(json(api.get("/accounts/" + id + "?asOf=2999-01-01T00:00:00Z", reader))
                        .get("balance")
                        .textValue())
                .isEqualTo("70.00");
        String beforeOpening =
                Instant.parse(times.get(0)).minus(1, ChronoUnit.MICROS).toString();
        assertThat(api.get("/accounts/" + id + "?asOf=" + beforeOpening, reader).statusCode())
                .isEqualTo(404);
        assertThat(api.get("/accounts/" + id + "?version=4", reader).statusCode())
                .isEqualTo(404);
        assertThat(api.get("/accounts/" + id + "?version=3", auditor).statusCode())
                .isEqualTo(200);
    }

    @Test
    void refusesMalformedOrConflictingStateQueriesNamingTheParameter() throws Exception {
        String id = api.openWith(operator, "1.00");
        String path = "/accounts/" + id;
        assertBad(api.get(path + "?version=two", reader), "version");
        assertBad(api.get(path + "?version=0", reader), "version");
        assertBad(api.get(path + "?version=1&version=2", reader), "version");
        assertBad(api.get(path + "?asOf=yesterday", reader), "asOf");
        assertBad(api.get(path + "?asOf=", reader), "asOf");
        assertBad(api.get(path + "?asOf=2025-01-01T00:00:00Z&version=1", reader), "version");
        assertBad(api.get(path + "?verison=1", reader), "verison");
    }
}
