package io.eventledger.projector.reconcile;

import io.eventledger.projector.topology.Balance;

/** A balance and version as one read model holds it: the two facts reconcile compares. */
public record Observed(String balance, int version) {

    static Observed of(Balance balance) {
        return new Observed(balance.balance().toPlainString(), balance.version());
    }

    @Override
    public String toString() {
        return balance + " v" + version;
    }
}
