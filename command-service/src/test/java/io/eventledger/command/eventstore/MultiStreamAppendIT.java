package io.eventledger.command.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventledger.command.testing.TestLedger;
import io.eventledger.command.testing.WriteSide;
import io.eventledger.contract.envelope.EventEnvelope;
import io.eventledger.contract.envelope.EventMetadata;
import io.eventledger.contract.envelope.EventTypes;
import io.eventledger.contract.event.AccountEvent.AccountOpened;
import io.eventledger.contract.event.AccountEvent.MoneyDeposited;
import io.eventledger.contract.event.AccountEvent.TransferCredited;
import io.eventledger.contract.event.AccountEvent.TransferDebited;
import io.eventledger.contract.event.TransferEvent.TransferExecuted;
import io.eventledger.contract.event.TransferEvent.TransferInitiated;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A transfer's three streams are appended in one transaction: all of them, at one instant, or none. */
class MultiStreamAppendIT {

    private static final EventMetadata METADATA =
            new EventMetadata("u1", List.of("operator"), "c", "c", "c", null, null);
    private static final BigDecimal TEN = new BigDecimal("10.00");
    private final EventStore store = WriteSide.on(TestLedger.db()).store();
    private final UUID transfer = UUID.randomUUID();
    private final UUID source = UUID.randomUUID();
    private final UUID target = UUID.randomUUID();

    @BeforeEach
    void openAccounts() throws Exception {
        store.append(AppendRequest.first(
                EventTypes.ACCOUNT,
                source,
                List.of(new AccountOpened("a", "EUR"), new MoneyDeposited(TEN, "EUR", "seed")),
                METADATA));
        store.append(AppendRequest.first(EventTypes.ACCOUNT, target, List.of(new AccountOpened("b", "EUR")), METADATA));
    }

    @Test
    void writesEveryStreamAtOneInstantWithItsOutboxRows() throws Exception {
        List<EventEnvelope> written = appendTransfer(1);

        assertThat(written)
                .extracting(EventEnvelope::aggregateId)
                .containsExactlyInAnyOrder(transfer, transfer, source, target);
        assertThat(written)
                .extracting(EventEnvelope::occurredAt)
                .containsOnly(written.getFirst().occurredAt());
        assertThat(store.load(source).version()).isEqualTo(3);
        assertThat(store.load(target).version()).isEqualTo(2);
        assertThat(TestLedger.count("SELECT count(*) FROM ledger.outbox WHERE aggregateid = ?", transfer.toString()))
                .isEqualTo(2);
    }

    @Test
    void aStaleStreamWritesNothingAtAll() throws Exception {
        assertThatThrownBy(() -> appendTransfer(0))
                .isInstanceOf(ConcurrencyException.class)
                .hasMessageContaining(target.toString());

        assertThat(store.load(transfer).isEmpty()).isTrue();
        assertThat(store.load(source).version()).isEqualTo(2);
        assertThat(store.load(target).version()).isEqualTo(1);
    }

    /** {@code targetVersion} is the version the caller believes the target is at (1 is right). */
    private List<EventEnvelope> appendTransfer(int targetVersion) throws Exception {
        LoadedStream from = store.load(source);
        LoadedStream to = store.load(target);
        List<AppendRequest> requests = List.of(
                AppendRequest.first(
                        EventTypes.TRANSFER,
                        transfer,
                        List.of(new TransferInitiated(source, target, TEN, "EUR", "u1"), new TransferExecuted("u1")),
                        METADATA),
                new AppendRequest(
                        EventTypes.ACCOUNT,
                        source,
                        from.version(),
                        from.headHash(),
                        List.of(new TransferDebited(transfer, TEN, "EUR", target)),
                        METADATA),
                new AppendRequest(
                        EventTypes.ACCOUNT,
                        target,
                        targetVersion,
                        to.headHash(),
                        List.of(new TransferCredited(transfer, TEN, "EUR", source)),
                        METADATA));
        return store.append(requests.toArray(AppendRequest[]::new));
    }
}
