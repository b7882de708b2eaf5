package io.eventledger.loadtest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WorkloadTest {

    private final List<String> accounts = List.of("a", "b", "c");

    @Test
    void commandsHaveUniqueIdsAmountsInRangeAndTransfersBetweenTwoAccounts() {
        Workload workload = new Workload(accounts, 1.0, CommandMix.parse("1:1:1"), Currency.getInstance("EUR"), "run1");
        SplittableRandom random = new SplittableRandom(5);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 5000; i++) {
            PlannedCommand c = workload.next(random);
            assertThat(ids.add(c.correlationId())).isTrue();
            assertThat(c.correlationId()).startsWith("bench-run1-").matches("[A-Za-z0-9._:-]{1,128}");
            assertThat(c.amount().scale()).isEqualTo(2);
            assertThat(c.amount()).isBetween(new BigDecimal("1.00"), new BigDecimal("100.00"));
            assertThat(accounts).contains(c.accountId());
            if (c.kind() == CommandKind.TRANSFER) {
                assertThat(c.counterparty()).isIn(accounts).isNotEqualTo(c.accountId());
            } else {
                assertThat(c.counterparty()).isNull();
            }
        }
    }

    @Test
    void amountsFollowTheCurrencyScale() {
        Workload workload = new Workload(accounts, 0, CommandMix.parse("1:0:0"), Currency.getInstance("JPY"), "r");
        PlannedCommand c = workload.next(new SplittableRandom(1));
        assertThat(c.amount().scale()).isZero();
        assertThat(c.body(Currency.getInstance("JPY")))
                .contains("\"amount\":\"" + c.amount().toPlainString() + "\"");
        assertThat(c.path()).isEqualTo("/accounts/" + c.accountId() + "/deposits");
    }

    @Test
    void aTransferBodyNamesBothAccountsAndTheCurrency() {
        PlannedCommand c = new PlannedCommand("id", CommandKind.TRANSFER, "a", "b", new BigDecimal("2.50"));
        assertThat(c.path()).isEqualTo("/transfers");
        assertThat(c.body(Currency.getInstance("EUR")))
                .isEqualTo("{\"fromAccountId\":\"a\",\"toAccountId\":\"b\",\"amount\":\"2.50\",\"currency\":\"EUR\"}");
    }
}
