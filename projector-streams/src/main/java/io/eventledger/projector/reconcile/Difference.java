package io.eventledger.projector.reconcile;

import java.util.UUID;

/** One read model that disagrees with the event store about one account. */
public record Difference(UUID account, String place, String expected, String found) {

    /** One line for the operator: which account, where, what the event store says and what was found. */
    public String describe() {
        return "difference: account " + account + " in " + place + ": expected " + expected + ", found " + found;
    }
}
