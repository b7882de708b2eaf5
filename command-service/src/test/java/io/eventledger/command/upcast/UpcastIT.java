package io.eventledger.command.upcast;

import static io.eventledger.command.testing.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventledger.command.cli.LedgerCli;
import io.eventledger.command.eventstore.chain.HashChain;
import io.eventledger.command.testing.ApiClient;
import io.eventledger.command.testing.StoredChain;
import io.eventledger.command.testing.TestLedger;
import io.eventledger.command.testing.TopicReader;
import io.eventledger.contract.envelope.EnvelopeSerde;
import io.eventledger.contract.envelope.EventCodec;
import io.eventledger.contract.envelope.EventEnvelope;
import io.eventledger.contract.envelope.Json;
import io.eventledger.contract.event.AccountEvent.MoneyDeposited;
import io.eventledger.contract.testing.EnvelopeSchemas;
import io.eventledger.platform.auth.Role;
import io.eventledger.platform.auth.TokenStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A MoneyDeposited v1 row ({amount: number}, no currency) written by SQL into a stream, as an older release
 * stored it: the HTTP API folds it through the upcaster, the chain still verifies, and the record republished
 * to Kafka keeps its stored shape (v1) and decodes to the current one, as every Kafka reader decodes it.
 */
class UpcastIT {

    private static ApiClient api;
    private static String token;
    private static UUID account;

    @BeforeAll
    static void openAnAccountThenWriteALegacyDeposit() throws Exception {
        api = new ApiClient(TestLedger.service().port());
        token = new TokenStore(TestLedger.db()).create("upcast", Set.of(Role.OPERATOR, Role.READER));
        account = UUID.fromString(json(api.post("/accounts", token, "{\"ownerId\":\"olga\",\"currency\":\"EUR\"}"))
                .get("accountId")
                .asText());
        try (Connection c = TestLedger.db().getConnection()) {
            SqlEvents.append(c, account, "MoneyDeposited", 1, "{\"amount\": 237.5, \"reference\": \"legacy\"}");
        }
    }

    @Test
    void theApiFoldsTheV1DepositAndKeepsChainingAfterIt() throws Exception {
        assertThat(json(api.get("/accounts/" + account, token)).get("balance").asText())
                .isEqualTo("237.50");

        JsonNode after = json(api.post(
                "/accounts/" + account + "/withdrawals", token, "{\"amount\":\"37.50\",\"reference\":\"now\"}"));
        assertThat(after.get("balance").asText()).isEqualTo("200.00");
        List<StoredChain.Link> chain = StoredChain.of(account);
        assertThat(chain).hasSizeGreaterThanOrEqualTo(3);
        byte[] previous = HashChain.genesis();
        for (StoredChain.Link link : chain) {
            assertThat(link.prevHash()).isEqualTo(previous);
            assertThat(HashChain.link(previous, link.entry()))
                    .as("v%d", link.entry().version())
                    .isEqualTo(link.hash());
            previous = link.hash();
        }
    }

    @Test
    void theRepublishedV1RecordMatchesItsSchemaAndDecodesToTheCurrentShape() throws Exception {
        StringWriter out = new StringWriter();
        int code = LedgerCli.run(
                TestLedger.servers().env(),
                new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true),
                "republish",
                "--from-position",
                "0",
                "--stream",
                account.toString());
        assertThat(code).isZero();

        EventEnvelope legacy;
        try (TopicReader reader = new TopicReader(
                TestLedger.servers().connections().kafkaBootstrap(),
                TestLedger.servers().connections().topics().accountEvents())) {
            ConsumerRecord<String, byte[]> record = await().atMost(Duration.ofSeconds(20))
                    .pollInSameThread()
                    .until(
                            () -> reader.recordsWithKey(account.toString()).stream()
                                    .filter(r -> EnvelopeSerde.read(r.value()).version() == 2)
                                    .findFirst(),
                            o -> o.isPresent())
                    .orElseThrow();
            assertThat(EnvelopeSchemas.violations(Json.mapper().readTree(record.value())))
                    .isEmpty();
            legacy = EnvelopeSerde.read(record.value());
        }
        assertThat(legacy.schemaVersion()).isEqualTo(1);
        assertThat(legacy.data().get("amount").isNumber()).isTrue();
        assertThat(EventCodec.standard().decode(legacy))
                .isEqualTo(new MoneyDeposited(new BigDecimal("237.50"), "EUR", "legacy"));
    }
}
