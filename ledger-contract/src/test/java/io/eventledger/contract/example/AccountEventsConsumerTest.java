package io.eventledger.contract.example;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventledger.contract.envelope.EventCodec;
import io.eventledger.contract.envelope.EventEnvelope;
import io.eventledger.contract.envelope.EventMetadata;
import io.eventledger.contract.event.AccountEvent;
import io.eventledger.contract.event.LedgerEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AccountEventsConsumerTest {

    private final List<LedgerEvent> applied = new ArrayList<>();
    private final UUID account = UUID.randomUUID();

    @Test
    void appliesInOrderSkipsRepeatsAndStopsAtAGap() {
        try (AccountEventsConsumer consumer =
                new AccountEventsConsumer("127.0.0.1:1", "unused", (e, event) -> applied.add(event))) {
            assertThat(consumer.accept(envelope(1, new AccountEvent.AccountOpened("o", "EUR"))))
                    .isEqualTo(AccountEventsConsumer.Outcome.APPLIED);
            assertThat(consumer.accept(envelope(2, deposit()))).isEqualTo(AccountEventsConsumer.Outcome.APPLIED);
            assertThat(consumer.accept(envelope(2, deposit()))).isEqualTo(AccountEventsConsumer.Outcome.DUPLICATE);
            assertThat(consumer.accept(envelope(1, new AccountEvent.AccountOpened("o", "EUR"))))
                    .isEqualTo(AccountEventsConsumer.Outcome.DUPLICATE);
            assertThat(consumer.accept(envelope(4, deposit()))).isEqualTo(AccountEventsConsumer.Outcome.GAP);

            assertThat(applied).hasSize(2);
            assertThat(consumer.lastApplied(account)).isEqualTo(2);
        }
    }

    private static AccountEvent deposit() {
        return new AccountEvent.MoneyDeposited(new BigDecimal("500.00"), "EUR", "salary");
    }

    private EventEnvelope envelope(int version, AccountEvent event) {
        var type = io.eventledger.contract.envelope.EventTypes.of(event);
        return new EventEnvelope(
                UUID.randomUUID(),
                "account",
                account,
                version,
                version,
                type.name(),
                type.schemaVersion(),
                Instant.now(),
                Instant.now(),
                EventCodec.standard().toData(event),
                new EventMetadata("u", List.of(), "c", null, null, null, null),
                "00",
                "00");
    }
}
