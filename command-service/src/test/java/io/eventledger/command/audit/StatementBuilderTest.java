package io.eventledger.command.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventledger.contract.envelope.EventCodec;
import io.eventledger.contract.envelope.EventMetadata;
import io.eventledger.contract.envelope.EventTypes;
import io.eventledger.contract.envelope.Json;
import io.eventledger.contract.event.AccountEvent.AccountOpened;
import io.eventledger.contract.event.AccountEvent.FeeCharged;
import io.eventledger.contract.event.AccountEvent.MoneyDeposited;
import io.eventledger.contract.event.AccountEvent.RefundIssued;
import io.eventledger.contract.event.AccountEvent.TransferDebited;
import io.eventledger.contract.event.LedgerEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The seeds' story, "why is it 237.50", line by line and for a window of it. */
class StatementBuilderTest {

    private static final Instant T0 = Instant.parse("2025-03-04T09:00:00Z");
    private final UUID account = UUID.randomUUID();
    private final UUID transfer = UUID.randomUUID();
    private final UUID counterparty = UUID.randomUUID();
    private final List<EventHistory.Entry> seeds = List.of(
            entry(1, new AccountOpened("omar", "EUR"), "olga"),
            entry(2, new MoneyDeposited(new BigDecimal("500.00"), "EUR", "salary"), "olga"),
            entry(3, new TransferDebited(transfer, new BigDecimal("200.00"), "EUR", counterparty), "tom"),
            entry(4, new FeeCharged(new BigDecimal("12.50"), "EUR", "monthly fee"), "olga"),
            entry(5, new RefundIssued(new BigDecimal("50.00"), "EUR", "goodwill"), "rita"));

    @Test
    void explainsTheBalanceLineByLine() {
        Statement statement = build(null, null);

        assertThat(statement.lines())
                .extracting(Statement.Line::type, Statement.Line::amount, Statement.Line::balance)
                .containsExactly(
                        tuple("MoneyDeposited", "+500.00", "500.00"),
                        tuple("TransferDebited", "-200.00", "300.00"),
                        tuple("FeeCharged", "-12.50", "287.50"),
                        tuple("RefundIssued", "-50.00", "237.50"));
        assertThat(statement.openingBalance()).isEqualTo("0.00");
        assertThat(statement.closingBalance()).isEqualTo("237.50");
        assertThat(statement.currency()).isEqualTo("EUR");
        Statement.Line transferLine = statement.lines().get(1);
        assertThat(transferLine.transferId()).isEqualTo(transfer);
        assertThat(transferLine.counterpartyAccountId()).isEqualTo(counterparty);
        assertThat(transferLine.actor()).isEqualTo("tom");
        assertThat(transferLine.correlationId()).isEqualTo("corr-3");
        assertThat(statement.lines().get(0).reference()).isEqualTo("salary");
        assertThat(statement.lines().get(2).reason()).isEqualTo("monthly fee");
    }

    @Test
    void aWindowOpensWithTheBalanceBeforeItAndStopsReadingAfterIt() {
        StatementBuilder builder = new StatementBuilder(account, T0.plusSeconds(4 * 60), T0.plusSeconds(5 * 60));
        List<Boolean> wanted = new ArrayList<>();
        seeds.forEach(e -> wanted.add(builder.accept(e)));
        Statement window = builder.build();

        assertThat(window.openingBalance()).isEqualTo("300.00");
        assertThat(window.lines()).extracting(Statement.Line::version).containsExactly(4);
        assertThat(window.closingBalance()).isEqualTo("287.50");
        assertThat(wanted).containsExactly(true, true, true, true, false);
    }

    @Test
    void aWindowWithoutMoneyEventsOpensAndClosesAlike() {
        Statement quiet = build(T0.plusSeconds(3600), null);

        assertThat(quiet.lines()).isEmpty();
        assertThat(quiet.openingBalance()).isEqualTo("237.50");
        assertThat(quiet.closingBalance()).isEqualTo("237.50");
    }

    private Statement build(Instant from, Instant to) {
        StatementBuilder builder = new StatementBuilder(account, from, to);
        seeds.forEach(builder::accept);
        return builder.build();
    }

    private static EventHistory.Entry entry(int version, LedgerEvent event, String user) {
        EventMetadata metadata = new EventMetadata(user, List.of("operator"), "corr-" + version, "c", "c", "ip", "ua");
        JsonNode data = EventCodec.standard().toData(event);
        Instant at = T0.plusSeconds(version * 60L);
        return new EventHistory.Entry(
                UUID.randomUUID(),
                version,
                version,
                EventTypes.of(event).name(),
                1,
                1,
                at,
                at,
                event,
                data,
                Json.mapper().valueToTree(metadata),
                "",
                "");
    }
}
