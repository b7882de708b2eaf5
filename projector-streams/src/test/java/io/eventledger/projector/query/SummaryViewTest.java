package io.eventledger.projector.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventledger.projector.topology.Flow;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryViewTest {

    @Test
    void partsFromTwoInstancesAddUpPerCurrency() {
        SummaryView first =
                new SummaryView(2, Map.of("EUR", totals(2, "700.00", 3, "900.00")), List.of(0, 2), List.of("a:1"));
        SummaryView second = new SummaryView(
                2,
                Map.of("EUR", totals(1, "0.50", 1, "0.50"), "JPY", totals(1, "100", 1, "100")),
                List.of(1),
                List.of("b:2"));

        SummaryView total = first.plus(second);

        assertThat(total.accounts()).isEqualTo(4);
        assertThat(total.currencies().keySet()).containsExactly("EUR", "JPY");
        assertThat(total.currencies().get("EUR")).isEqualTo(totals(3, "700.50", 4, "900.50"));
        assertThat(total.currencies().get("JPY").balance().toPlainString()).isEqualTo("100");
        assertThat(total.partitions()).containsExactly(0, 1, 2);
        assertThat(total.servedBy()).containsExactly("a:1", "b:2");
        assertThat(SummaryView.empty().plus(first)).isEqualTo(first);
    }

    private static CurrencyTotals totals(int accounts, String balance, int deposits, String deposited) {
        Flow none = new Flow(0, BigDecimal.ZERO);
        return new CurrencyTotals(
                accounts,
                new BigDecimal(balance),
                new Flow(deposits, new BigDecimal(deposited)),
                none,
                none,
                none,
                none,
                none);
    }
}
