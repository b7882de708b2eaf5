package io.eventledger.contract.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventledger.contract.event.LedgerEvent;
import io.eventledger.contract.testing.EnvelopeSchemas;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventSchemasTest {

    private static final String HASH = "ab".repeat(32);

    @Test
    void everyEventTypeHasASchemaForItsCurrentVersion() {
        assertThat(EventTypes.all())
                .allSatisfy(type -> assertThat(EnvelopeSchemas.exists(type.name(), type.schemaVersion()))
                        .as(type.name())
                        .isTrue());
    }

    @ParameterizedTest
    @MethodSource("io.eventledger.contract.envelope.EventTypesTest#oneOfEach")
    void everyEventAsWeWriteItMatchesItsSchema(LedgerEvent event) {
        assertThat(EnvelopeSchemas.violations(envelopeOf(event))).isEmpty();
    }

    @Test
    void aNumericAmountBreaksTheCurrentDepositSchema() throws Exception {
        ObjectNode envelope = envelopeOf(new io.eventledger.contract.event.AccountEvent.MoneyDeposited(
                new java.math.BigDecimal("1.00"), "EUR", "r"));
        ((ObjectNode) envelope.get("data")).put("amount", 1.0);

        assertThat(EnvelopeSchemas.violations(envelope)).isNotEmpty();
    }

    @Test
    void aMissingHashBreaksTheEnvelopeSchema() {
        ObjectNode envelope = envelopeOf(new io.eventledger.contract.event.AccountEvent.AccountClosed("done"));
        envelope.remove("hash");

        assertThat(EnvelopeSchemas.violations(envelope)).anyMatch(m -> m.contains("hash"));
    }

    private static ObjectNode envelopeOf(LedgerEvent event) {
        EventTypes.EventType type = EventTypes.of(event);
        JsonNode data = EventCodec.standard().toData(event);
        EventEnvelope envelope = new EventEnvelope(
                UUID.randomUUID(),
                type.aggregateType(),
                UUID.randomUUID(),
                1,
                1,
                type.name(),
                type.schemaVersion(),
                Instant.now(),
                Instant.now(),
                data,
                new EventMetadata("alice", List.of("operator"), "c-1", "cmd-1", "cmd-1", "127.0.0.1", "test"),
                HASH,
                HASH);
        return Json.mapper().valueToTree(envelope);
    }
}
