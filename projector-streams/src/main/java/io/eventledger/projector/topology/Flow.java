package io.eventledger.projector.topology;

import java.math.BigDecimal;

/** How many movements of one kind, and their total, at the account currency's scale. */
public record Flow(int count, BigDecimal total) {

    static Flow zero(int scale) {
        return new Flow(0, BigDecimal.ZERO.setScale(scale));
    }

    Flow plus(BigDecimal amount) {
        return new Flow(count + 1, total.add(amount));
    }

    /** Both flows together: for totals over days, accounts or instances. */
    public Flow plus(Flow other) {
        return new Flow(count + other.count, total.add(other.total));
    }
}
