package io.eventledger.command.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventledger.command.account.Account;
import io.eventledger.command.account.AccountState;
import io.eventledger.command.account.DomainException;
import io.eventledger.command.transfer.TransferCommand.ApproveTransfer;
import io.eventledger.command.transfer.TransferCommand.InitiateTransfer;
import io.eventledger.command.transfer.TransferCommand.RejectTransfer;
import io.eventledger.contract.event.AccountEvent.AccountOpened;
import io.eventledger.contract.event.AccountEvent.MoneyDeposited;
import io.eventledger.contract.event.AccountEvent.TransferCredited;
import io.eventledger.contract.event.AccountEvent.TransferDebited;
import io.eventledger.contract.event.TransferEvent;
import io.eventledger.contract.event.TransferEvent.TransferApproved;
import io.eventledger.contract.event.TransferEvent.TransferExecuted;
import io.eventledger.contract.event.TransferEvent.TransferFailed;
import io.eventledger.contract.event.TransferEvent.TransferInitiated;
import io.eventledger.contract.event.TransferEvent.TransferRejected;
import io.eventledger.contract.money.Money;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TransferTest {

    private static final Currency EUR = Currency.getInstance("EUR");
    private static final BigDecimal THRESHOLD = new BigDecimal("10000.00");
    private final UUID id = UUID.randomUUID();
    private final AccountState source = account("20000.00");
    private final AccountState target = account("0.01");

    @Test
    void belowTheThresholdExecutesAtOnceAndMovesTheMoney() {
        TransferDecision decision = Transfer.decide(TransferState.initial(id), initiate("9999.99", "olga"));

        assertThat(decision.transferEvents())
                .containsExactly(
                        new TransferInitiated(source.id(), target.id(), new BigDecimal("9999.99"), "EUR", "olga"),
                        new TransferExecuted("olga"));
        assertThat(decision.sourceEvents())
                .containsExactly(new TransferDebited(id, new BigDecimal("9999.99"), "EUR", target.id()));
        assertThat(decision.targetEvents())
                .containsExactly(new TransferCredited(id, new BigDecimal("9999.99"), "EUR", source.id()));
        assertThat(given(decision.transferEvents().toArray(TransferEvent[]::new)))
                .extracting(TransferState::status, TransferState::executedBy, TransferState::version)
                .containsExactly(TransferState.Status.EXECUTED, "olga", 2);
    }

    @Test
    void atTheThresholdWaitsForApprovalAndMovesNothing() {
        TransferDecision decision = Transfer.decide(TransferState.initial(id), initiate("10000.00", "olga"));

        assertThat(decision.transferEvents())
                .containsExactly(new TransferInitiated(source.id(), target.id(), THRESHOLD, "EUR", "olga"));
        assertThat(decision.sourceEvents()).isEmpty();
        assertThat(decision.targetEvents()).isEmpty();
        assertThat(given(decision.transferEvents().getFirst()).status())
                .isEqualTo(TransferState.Status.AWAITING_APPROVAL);
    }

    @Test
    void approvalBySomeoneElseExecutesIt() {
        TransferState waiting = given(initiated("15000.00"));

        TransferDecision decision = Transfer.decide(waiting, new ApproveTransfer(source, target, "anna"));

        assertThat(decision.transferEvents())
                .containsExactly(new TransferApproved("anna"), new TransferExecuted("anna"));
        assertThat(decision.sourceEvents()).hasSize(1);
        assertThat(decision.targetEvents()).hasSize(1);
        assertThat(given(initiated("15000.00"), new TransferApproved("anna"), new TransferExecuted("anna")))
                .extracting(TransferState::initiatedBy, TransferState::approvedBy)
                .containsExactly("olga", "anna");
    }

    @Test
    void theInitiatorMayNeitherApproveNorReject() {
        TransferState waiting = given(initiated("15000.00"));

        assertRejected(waiting, new ApproveTransfer(source, target, "olga"), "four-eyes");
        assertRejected(waiting, new RejectTransfer("olga", "changed my mind"), "four-eyes");
    }

    @Test
    void aRejectionRecordsWhoAndWhyAndMovesNothing() {
        TransferState waiting = given(initiated("15000.00"));

        TransferDecision decision = Transfer.decide(waiting, new RejectTransfer("anna", "unknown payee"));

        assertThat(decision.transferEvents()).containsExactly(new TransferRejected("anna", "unknown payee"));
        assertThat(decision.sourceEvents()).isEmpty();
        TransferState rejected =
                given(initiated("15000.00"), decision.transferEvents().getFirst());
        assertThat(rejected.status()).isEqualTo(TransferState.Status.REJECTED);
        assertThat(rejected.rejectionReason()).isEqualTo("unknown payee");
        assertRejected(waiting, new RejectTransfer("anna", " "), "reason-required");
    }

    @Test
    void failsWithoutMovingMoneyWhenTheFundsAreShortAtExecution() {
        AccountState poor = account("5.00");
        TransferDecision now = Transfer.decide(
                TransferState.initial(id), new InitiateTransfer(poor, target, eur("10.00"), "olga", THRESHOLD));
        assertThat(now.transferEvents())
                .hasSize(2)
                .last()
                .isInstanceOfSatisfying(
                        TransferFailed.class, f -> assertThat(f.reason()).startsWith("insufficient-funds"));
        assertThat(now.sourceEvents()).isEmpty();
        assertThat(now.targetEvents()).isEmpty();

        // funds were there when it was initiated, and gone when it was approved
        TransferState waiting = given(initiated("15000.00"));
        TransferDecision later =
                Transfer.decide(waiting, new ApproveTransfer(account("100.00", source.id()), target, "anna"));
        assertThat(later.transferEvents()).first().isEqualTo(new TransferApproved("anna"));
        assertThat(later.transferEvents()).last().isInstanceOf(TransferFailed.class);
        assertThat(later.sourceEvents()).isEmpty();
    }

    @Test
    void acceptsNothingAfterItEnds() {
        TransferState executed =
                given(initiated("15000.00"), new TransferApproved("anna"), new TransferExecuted("anna"));
        TransferState failed = given(initiated("15000.00"), new TransferApproved("anna"), new TransferFailed("funds"));
        TransferState rejected = given(initiated("15000.00"), new TransferRejected("anna", "no"));

        for (TransferState ended : new TransferState[] {executed, failed, rejected}) {
            assertRejected(ended, new ApproveTransfer(source, target, "anna"), "transfer-not-awaiting-approval");
            assertRejected(ended, new RejectTransfer("anna", "late"), "transfer-not-awaiting-approval");
            assertRejected(ended, initiate("1.00", "olga"), "already-initiated");
        }
    }

    private InitiateTransfer initiate(String amount, String by) {
        return new InitiateTransfer(source, target, eur(amount), by, THRESHOLD);
    }

    private TransferInitiated initiated(String amount) {
        return new TransferInitiated(source.id(), target.id(), new BigDecimal(amount), "EUR", "olga");
    }

    private TransferState given(TransferEvent... events) {
        TransferState state = TransferState.initial(id);
        for (TransferEvent event : events) {
            state = Transfer.evolve(state, event);
        }
        return state;
    }

    static AccountState account(String balance, UUID... id) {
        UUID accountId = id.length == 0 ? UUID.randomUUID() : id[0];
        AccountState opened = Account.evolve(AccountState.initial(accountId), new AccountOpened("alice", "EUR"));
        return Account.evolve(opened, new MoneyDeposited(new BigDecimal(balance), "EUR", "seed"));
    }

    private static Money eur(String amount) {
        return Money.parsePositive(amount, EUR);
    }

    private static void assertRejected(TransferState state, TransferCommand command, String slug) {
        assertThatThrownBy(() -> Transfer.decide(state, command))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.slug()).isEqualTo(slug));
    }
}
