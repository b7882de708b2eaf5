package io.eventledger.contract.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventledger.contract.event.AccountEvent.AccountClosed;
import io.eventledger.contract.event.AccountEvent.AccountOpened;
import io.eventledger.contract.event.AccountEvent.FeeCharged;
import io.eventledger.contract.event.AccountEvent.MoneyDeposited;
import io.eventledger.contract.event.AccountEvent.MoneyWithdrawn;
import io.eventledger.contract.event.AccountEvent.RefundIssued;
import io.eventledger.contract.event.AccountEvent.TransferCredited;
import io.eventledger.contract.event.AccountEvent.TransferDebited;
import io.eventledger.contract.event.BalanceEffect.Kind;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BalanceEffectTest {

    private static final BigDecimal AMOUNT = new BigDecimal("12.50");
    private static final UUID TRANSFER = UUID.randomUUID();
    private static final UUID OTHER = UUID.randomUUID();

    /** One event of every account event type, each with the effect it must have. */
    private static final Map<AccountEvent, Optional<BalanceEffect>> EVERY_TYPE = Map.of(
            new AccountOpened("omar", "EUR"), Optional.empty(),
            new MoneyDeposited(AMOUNT, "EUR", "salary"), effect(Kind.DEPOSIT),
            new MoneyWithdrawn(AMOUNT, "EUR", "atm"), effect(Kind.WITHDRAWAL),
            new FeeCharged(AMOUNT, "EUR", "monthly fee"), effect(Kind.FEE),
            new RefundIssued(AMOUNT, "EUR", "goodwill"), effect(Kind.REFUND),
            new TransferCredited(TRANSFER, AMOUNT, "EUR", OTHER), effect(Kind.TRANSFER_IN),
            new TransferDebited(TRANSFER, AMOUNT, "EUR", OTHER), effect(Kind.TRANSFER_OUT),
            new AccountClosed("customer left"), Optional.empty());

    @Test
    void everyAccountEventTypeIsCovered() {
        Set<Class<?>> covered =
                EVERY_TYPE.keySet().stream().map(Object::getClass).collect(Collectors.toSet());

        assertThat(covered).containsExactlyInAnyOrder(AccountEvent.class.getPermittedSubclasses());
    }

    @Test
    void eachEventHasItsEffect() {
        EVERY_TYPE.forEach((event, expected) ->
                assertThat(BalanceEffect.of(event)).as(event.toString()).isEqualTo(expected));
    }

    @Test
    void depositsAndIncomingTransfersCreditEverythingElseThatMovesMoneyDebits() {
        Map<Kind, Boolean> credits =
                Arrays.stream(Kind.values()).collect(Collectors.toMap(Function.identity(), Kind::credits));

        assertThat(credits)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        Kind.DEPOSIT,
                        true,
                        Kind.TRANSFER_IN,
                        true,
                        Kind.WITHDRAWAL,
                        false,
                        Kind.FEE,
                        false,
                        Kind.REFUND,
                        false,
                        Kind.TRANSFER_OUT,
                        false));
    }

    @Test
    void theSignedAmountIsExact() {
        List<String> signed = EVERY_TYPE.keySet().stream()
                .map(BalanceEffect::of)
                .flatMap(Optional::stream)
                .map(e -> e.kind() + " " + e.signed().toPlainString())
                .sorted()
                .toList();

        assertThat(signed)
                .containsExactly(
                        "DEPOSIT 12.50",
                        "FEE -12.50",
                        "REFUND -12.50",
                        "TRANSFER_IN 12.50",
                        "TRANSFER_OUT -12.50",
                        "WITHDRAWAL -12.50");
    }

    @Test
    void applyingAddsOrSubtractsWithoutRounding() {
        BigDecimal balance = new BigDecimal("100.00");
        BigDecimal tiny = new BigDecimal("0.000001");
        BigDecimal huge = new BigDecimal("999999999999999.99");

        assertThat(BalanceEffect.of(new MoneyDeposited(huge, "EUR", "r"))
                        .orElseThrow()
                        .applyTo(balance))
                .isEqualTo(new BigDecimal("1000000000000099.99"));
        assertThat(BalanceEffect.of(new FeeCharged(tiny, "EUR", "r"))
                        .orElseThrow()
                        .applyTo(balance))
                .isEqualTo(new BigDecimal("99.999999"));
        assertThat(BalanceEffect.of(new TransferDebited(TRANSFER, balance, "EUR", OTHER))
                        .orElseThrow()
                        .applyTo(balance))
                .isEqualTo(new BigDecimal("0.00"));
    }

    @Test
    void theRecordedAmountAndCurrencyAreKeptAsTheyAre() {
        BalanceEffect withoutAmount =
                BalanceEffect.of(new MoneyDeposited(null, null, "old shape")).orElseThrow();

        assertThat(withoutAmount.amount()).isNull();
        assertThat(withoutAmount.currency()).isNull();
        assertThat(BalanceEffect.of(new MoneyWithdrawn(AMOUNT, "JPY", "r"))
                        .orElseThrow()
                        .currency())
                .isEqualTo("JPY");
    }

    private static Optional<BalanceEffect> effect(Kind kind) {
        return Optional.of(new BalanceEffect(kind, AMOUNT, "EUR"));
    }
}
