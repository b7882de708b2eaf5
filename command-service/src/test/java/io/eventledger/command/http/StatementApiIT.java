package io.eventledger.command.http;

import static io.eventledger.command.testing.ApiClient.json;
import static io.eventledger.command.testing.AuditFixture.assertBad;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventledger.command.eventstore.AppendRequest;
import io.eventledger.command.eventstore.EventStore;
import io.eventledger.command.eventstore.LoadedStream;
import io.eventledger.command.outbox.OutboxWriter;
import io.eventledger.command.testing.ApiClient;
import io.eventledger.command.testing.AuditFixture;
import io.eventledger.command.testing.TestLedger;
import io.eventledger.contract.envelope.EventCodec;
import io.eventledger.contract.envelope.EventMetadata;
import io.eventledger.contract.envelope.EventTypes;
import io.eventledger.contract.event.AccountEvent;
import io.eventledger.contract.event.AccountEvent.TransferCredited;
import io.eventledger.contract.event.AccountEvent.TransferDebited;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GET /accounts/{id}/statement: "why is it 237.50", line by line and for a window. */
class StatementApiIT {

    private static final EventStore STORE =
            new EventStore(TestLedger.db(), EventCodec.standard(), new OutboxWriter(), Clock.systemUTC());
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
    void theStatementExplainsTheSeedsBalance() throws Exception {
        String omar = api.openWith(operator, "500.00");
        String other = api.openWith(operator, "1.00");
        transfer(omar, other, "200.00");
        fx.command(omar, "fees", "{\"amount\":\"12.50\",\"reason\":\"monthly fee\"}", "corr-fee");
        fx.command(omar, "refunds", "{\"amount\":\"50.00\",\"reason\":\"goodwill\"}", "corr-refund");

        JsonNode statement = json(api.get("/accounts/" + omar + "/statement", auditor));

        assertThat(statement.get("lines"))
                .extracting(
                        l -> l.get("type").textValue(),
                        l -> l.get("amount").textValue(),
                        l -> l.get("balance").textValue(),
                        l -> l.get("actor").textValue())
                .containsExactly(
                        tuple("MoneyDeposited", "+500.00", "500.00", "olga"),
                                tuple("TransferDebited", "-200.00", "300.00", "tom"),
                        tuple("FeeCharged", "-12.50", "287.50", "olga"),
                                tuple("RefundIssued", "-50.00", "237.50", "olga"));
        assertThat(statement.get("lines").get(2).get("correlationId").textValue())
                .isEqualTo("corr-fee");
        assertThat(statement.get("lines").get(2).get("reason").textValue()).isEqualTo("monthly fee");
        assertThat(statement.get("lines").get(1).get("counterpartyAccountId").textValue())
                .isEqualTo(other);
        assertThat(statement.get("openingBalance").textValue()).isEqualTo("0.00");
        assertThat(statement.get("closingBalance").textValue())
                .isEqualTo("237.50")
                .isEqualTo(json(api.get("/accounts/" + omar, reader))
                        .get("balance")
                        .textValue());
        assertThat(json(api.get("/accounts/" + other + "/statement", auditor))
                        .get("closingBalance")
                        .textValue())
                .isEqualTo("201.00");
    }

    @Test
    void aStatementWindowOpensWithTheBalanceBeforeIt() throws Exception {
        String id = api.openWith(operator, "500.00");
        transfer(id, api.openWith(operator, "1.00"), "200.00");
        fx.command(id, "fees", "{\"amount\":\"12.50\",\"reason\":\"monthly fee\"}", "corr-fee");
        fx.command(id, "refunds", "{\"amount\":\"50.00\",\"reason\":\"goodwill\"}", "corr-refund");
        List<String> times = fx.occurredAts(id);

        JsonNode window =
                json(api.get("/accounts/" + id + "/statement?from=" + times.get(2) + "&to=" + times.get(4), auditor));

        assertThat(window.get("openingBalance").textValue()).isEqualTo("500.00");
        assertThat(window.get("lines"))
                .extracting(l -> l.get("version").asInt())
                .containsExactly(3, 4);
        assertThat(window.get("closingBalance").textValue()).isEqualTo("287.50");
        assertBad(
                api.get("/accounts/" + id + "/statement?from=" + times.get(4) + "&to=" + times.get(2), auditor), "to");
        assertBad(api.get("/accounts/" + id + "/statement?from=monday", auditor), "from");
        assertThat(api.get("/accounts/" + id + "/statement?to=" + times.getFirst(), auditor)
                        .statusCode())
                .isEqualTo(404);
        assertThat(api.get("/accounts/" + id + "/statement", reader).statusCode())
                .isEqualTo(403);
        assertThat(api.get("/accounts/" + UUID.randomUUID() + "/statement", auditor)
                        .statusCode())
                .isEqualTo(404);
    }

    /** What transfer execution writes to the two accounts, appended directly: the transfer routes are not this test's. */
    private static void transfer(String from, String to, String amount) throws Exception {
        UUID transferId = UUID.randomUUID();
        EventMetadata tom = new EventMetadata("tom", List.of("operator"), "corr-transfer", "c", "c", "ip", "ua");
        append(
                UUID.fromString(from),
                new TransferDebited(transferId, new BigDecimal(amount), "EUR", UUID.fromString(to)),
                tom);
        append(
                UUID.fromString(to),
                new TransferCredited(transferId, new BigDecimal(amount), "EUR", UUID.fromString(from)),
                tom);
    }

    private static void append(UUID account, AccountEvent event, EventMetadata metadata) throws Exception {
        LoadedStream head = STORE.load(account);
        STORE.append(new AppendRequest(
                EventTypes.ACCOUNT, account, head.version(), head.headHash(), List.of(event), metadata));
    }
}
