package io.eventledger.command.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventledger.command.account.Account;
import io.eventledger.command.account.AccountState;
import io.eventledger.contract.event.AccountEvent;
import io.eventledger.contract.event.AccountEvent.AccountClosed;
import io.eventledger.contract.event.AccountEvent.AccountOpened;
import io.eventledger.contract.event.AccountEvent.FeeCharged;
import io.eventledger.contract.event.AccountEvent.MoneyDeposited;
import io.eventledger.contract.event.AccountEvent.MoneyWithdrawn;
import io.eventledger.contract.event.AccountEvent.RefundIssued;
import io.eventledger.contract.event.AccountEvent.TransferCredited;
import io.eventledger.contract.event.AccountEvent.TransferDebited;
import io.eventledger.contract.event.BalanceEffect;
import io.eventledger.contract.money.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Builds a {@link Statement} from an account's events fed in version order from version 1. Balances are
 * the aggregate's own exact fold ({@link Account#evolve}), so a statement always ends where the account's
 * state does; which events make a line, and with which sign, is {@link BalanceEffect}'s rule. Events
 * before {@code from} only move the opening balance. Times cut the history as a prefix: the first event
 * at or after {@code to} ends it.
 */
final class StatementBuilder {

    /** What a money event was for; how it moved the balance is {@link BalanceEffect}'s to say. */
    private record Purpose(String reference, String reason, UUID transferId, UUID counterparty) {

        static final Purpose NONE = new Purpose(null, null, null, null);
    }

    private final Instant from;
    private final Instant to;
    private final List<Statement.Line> lines = new ArrayList<>();
    private AccountState state;
    private AccountState opening;

    StatementBuilder(UUID accountId, Instant from, Instant to) {
        this.from = from;
        this.to = to;
        this.state = AccountState.initial(accountId);
    }

    /** Takes the next event; false once past the window, so the caller can stop reading. */
    boolean accept(EventHistory.Entry entry) {
        if (to != null && !entry.occurredAt().isBefore(to)) {
            return false;
        }
        boolean inWindow = from == null || !entry.occurredAt().isBefore(from);
        if (inWindow && opening == null) {
            opening = state;
        }
        AccountEvent event = (AccountEvent) entry.event();
        state = Account.evolve(state, event);
        Optional<BalanceEffect> effect = BalanceEffect.of(event);
        if (inWindow && effect.isPresent()) {
            lines.add(line(entry, effect.get().signed(), purpose(event)));
        }
        return true;
    }

    /** The account as of the window's end; version 0 if it had not been opened by then. */
    AccountState closing() {
        return state;
    }

    Statement build() {
        AccountState start = opening == null ? state : opening;
        return new Statement(
                state.id(), state.currency().getCurrencyCode(), from, to, balance(start), balance(state), lines);
    }

    private Statement.Line line(EventHistory.Entry entry, BigDecimal signed, Purpose p) {
        String amount = (signed.signum() < 0 ? "-" : "+") + new Money(signed.abs(), state.currency()).text();
        return new Statement.Line(
                entry.occurredAt(),
                entry.version(),
                entry.eventType(),
                amount,
                state.balance().text(),
                p.reference(),
                p.reason(),
                p.transferId(),
                p.counterparty(),
                text(entry.metadata(), "userId"),
                text(entry.metadata(), "correlationId"),
                entry.eventId());
    }

    /** Before AccountOpened there is no balance yet; it opens at zero. */
    private String balance(AccountState at) {
        return at.balance() == null
                ? Money.zero(state.currency()).text()
                : at.balance().text();
    }

    private static Purpose purpose(AccountEvent event) {
        return switch (event) {
            case MoneyDeposited e -> new Purpose(e.reference(), null, null, null);
            case MoneyWithdrawn e -> new Purpose(e.reference(), null, null, null);
            case FeeCharged e -> new Purpose(null, e.reason(), null, null);
            case RefundIssued e -> new Purpose(null, e.reason(), null, null);
            case TransferDebited e -> new Purpose(null, null, e.transferId(), e.counterpartyAccountId());
            case TransferCredited e -> new Purpose(null, null, e.transferId(), e.counterpartyAccountId());
            case AccountOpened e -> Purpose.NONE;
            case AccountClosed e -> Purpose.NONE;
        };
    }

    private static String text(JsonNode metadata, String field) {
        return metadata.path(field).textValue();
    }
}
